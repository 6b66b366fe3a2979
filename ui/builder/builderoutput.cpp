#include "builder/builderoutput.h"

#include "transform/snippets.h"
#include "url/urlbuilder.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ikui {

namespace {

ik::UrlResult buildUrl(const ik::TransformationDocument &document, const ik::UrlBuilder &builder)
{
    return builder.build(document.toUrlOptions());
}

// The document with dpr-<ratio> on its last step that reaches the URL.
ik::TransformationDocument withDpr(ik::TransformationDocument document, int ratio)
{
    const QString value = QString::number(ratio);
    for (qsizetype i = document.steps.size() - 1; i >= 0; --i) {
        ik::TransformationStepSpec &step = document.steps[i];
        if (!step.enabled || step.isEmpty())
            continue;
        for (auto &pair : step.parameters) {
            if (pair.first == QLatin1String("dpr")) {
                pair.second = value;
                return document;
            }
        }
        step.parameters.append({QStringLiteral("dpr"), value});
        return document;
    }
    ik::TransformationStepSpec step;
    step.parameters.append({QStringLiteral("dpr"), value});
    document.steps.append(step);
    return document;
}

} // namespace

BuilderOutput::BuilderOutput(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("outputTabs"));
    layout->addWidget(m_tabs);
    addTab(Kind::Url, QStringLiteral("url"), tr("URL"), tr("The transformed URL"));
    addTab(Kind::SignedUrl, QStringLiteral("signedUrl"), tr("Signed"), tr("The URL signed with the private key, with the chosen expiry"));
    addTab(Kind::ImageTag, QStringLiteral("imageTag"), tr("<img>"), tr("An HTML img tag with srcset for 1x, 2x and 3x screens"));
    addTab(Kind::Python, QStringLiteral("python"), tr("Python"), tr("The same URL from the imagekitio Python SDK"));
    addTab(Kind::Node, QStringLiteral("node"), tr("Node"), tr("The same URL from the ImageKit Node/JavaScript SDK"));
    addTab(Kind::Curl, QStringLiteral("curl"), tr("cURL"), tr("Download the transformed image with curl"));
    addTab(Kind::Cli, QStringLiteral("cli"), tr("mediadesk-cli"), tr("The same URL from mediadesk-cli url"));
}

void BuilderOutput::addTab(Kind kind, const QString &objectName, const QString &title, const QString &toolTip)
{
    auto *page = new QWidget(m_tabs);
    auto *layout = new QHBoxLayout(page);
    auto *view = new QPlainTextEdit(page);
    view->setObjectName(QStringLiteral("output-") + objectName);
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setAccessibleName(title);
    view->setToolTip(toolTip);
    view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    view->setMaximumHeight(view->fontMetrics().lineSpacing() * 9);
    auto *copyButton = new QPushButton(tr("Copy"), page);
    copyButton->setObjectName(QStringLiteral("copy-") + objectName);
    copyButton->setAccessibleName(tr("Copy %1").arg(title));
    copyButton->setToolTip(tr("Copy to the clipboard"));
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(copyButton);
    buttons->addStretch();
    layout->addWidget(view, 1);
    layout->addLayout(buttons);
    m_tabs->addTab(page, title);
    m_tabs->setTabToolTip(m_tabs->count() - 1, toolTip);
    m_views.insert(int(kind), view);
    connect(copyButton, &QPushButton::clicked, this, [this, kind] { copy(kind); });
}

void BuilderOutput::update(const ik::TransformationDocument &document, const ik::UrlBuilder &builder)
{
    const ik::UrlResult result = buildUrl(document, builder);
    m_url = result.ok() ? result.url : QString();
    m_urlError = result.ok() ? QString() : result.errorMessage;
    setText(Kind::Url, result.ok() ? result.url : tr("Cannot build the URL: %1").arg(result.errorMessage));

    ik::TransformationDocument signedDocument = document;
    signedDocument.sign = true;
    const ik::UrlResult signedResult = buildUrl(signedDocument, builder);
    setText(Kind::SignedUrl, signedResult.ok() ? signedResult.url
                                               : tr("Cannot sign the URL: %1").arg(signedResult.errorMessage));

    QString tagError;
    const QString tag = imageTag(document, builder, &tagError);
    setText(Kind::ImageTag, tagError.isEmpty() ? tag : tr("Cannot build the tag: %1").arg(tagError));

    const QString endpoint = builder.urlEndpoint();
    setText(Kind::Python, ik::pythonSnippet(document, endpoint));
    setText(Kind::Node, ik::nodeSnippet(document, endpoint));
    setText(Kind::Curl, result.ok() ? ik::curlSnippet(result.url) : tr("Cannot build the URL: %1").arg(result.errorMessage));
    setText(Kind::Cli, ik::cliSnippet(document, endpoint));
}

QString BuilderOutput::imageTag(const ik::TransformationDocument &document, const ik::UrlBuilder &builder, QString *error)
{
    QStringList sources;
    for (int ratio = 1; ratio <= 3; ++ratio) {
        const ik::UrlResult result = buildUrl(withDpr(document, ratio), builder);
        if (!result.ok()) {
            if (error)
                *error = result.errorMessage;
            return {};
        }
        sources.append(result.url.toHtmlEscaped());
    }
    const QString name = document.path.section(QLatin1Char('/'), -1);
    return QStringLiteral("<img src=\"%1\"\n     srcset=\"%1 1x, %2 2x, %3 3x\"\n     alt=\"%4\">")
        .arg(sources.at(0), sources.at(1), sources.at(2), name.toHtmlEscaped());
}

QString BuilderOutput::text(Kind kind) const
{
    const QPlainTextEdit *view = m_views.value(int(kind));
    return view ? view->toPlainText() : QString();
}

void BuilderOutput::setText(Kind kind, const QString &text)
{
    if (QPlainTextEdit *view = m_views.value(int(kind)); view && view->toPlainText() != text)
        view->setPlainText(text);
}

void BuilderOutput::copy(Kind kind)
{
    const QString value = text(kind);
    QApplication::clipboard()->setText(value);
    Q_EMIT copied(kind, value);
}

void BuilderOutput::copyCurrent()
{
    for (auto it = m_views.cbegin(); it != m_views.cend(); ++it) {
        if (m_tabs->currentWidget() && m_tabs->currentWidget()->isAncestorOf(it.value())) {
            copy(Kind(it.key()));
            return;
        }
    }
}

} // namespace ikui
