#pragma once

#include "transform/transformationdocument.h"

#include <QHash>
#include <QString>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTabWidget;

namespace ik {
class UrlBuilder;
} // namespace ik

namespace ikui {

// What the builder produces, one tab each with a Copy button: the URL, its signed variant, an
// <img> tag with srcset for 1x/2x/3x, and code that makes the same URL (Python and Node SDKs,
// cURL, mediadesk-cli).
class BuilderOutput : public QWidget
{
    Q_OBJECT

public:
    enum class Kind { Url, SignedUrl, ImageTag, Python, Node, Curl, Cli };

    explicit BuilderOutput(QWidget *parent = nullptr);

    // Recomputes every tab; `builder` holds the endpoint and private key.
    void update(const ik::TransformationDocument &document, const ik::UrlBuilder &builder);

    QString text(Kind kind) const;
    // The URL when it could be built, else "" (and urlError() says why).
    QString url() const { return m_url; }
    QString urlError() const { return m_urlError; }
    QTabWidget *tabs() const { return m_tabs; }

    // The `<img>` tag for `document`: src at 1x, srcset with dpr 1, 2 and 3 set on the last
    // step that reaches the URL (a step is added when there is none).
    static QString imageTag(const ik::TransformationDocument &document, const ik::UrlBuilder &builder, QString *error);

public Q_SLOTS:
    // Copies a tab's text to the clipboard (the shown tab by default).
    void copy(ikui::BuilderOutput::Kind kind);
    void copyCurrent();

Q_SIGNALS:
    void copied(ikui::BuilderOutput::Kind kind, const QString &text);

private:
    void addTab(Kind kind, const QString &objectName, const QString &title, const QString &toolTip);
    void setText(Kind kind, const QString &text);

    QTabWidget *m_tabs = nullptr;
    QHash<int, QPlainTextEdit *> m_views;
    QString m_url;
    QString m_urlError;
};

} // namespace ikui
