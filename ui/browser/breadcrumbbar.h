#pragma once

#include <QString>
#include <QWidget>

class QHBoxLayout;

namespace ikui {

// The path of the open folder as buttons ("Library › photos › edits"): clicking one opens that
// folder. Shows "Search results" instead while a search is active.
class BreadcrumbBar : public QWidget
{
    Q_OBJECT

public:
    explicit BreadcrumbBar(QWidget *parent = nullptr);

    void setPath(const QString &folderPath);
    QString path() const { return m_path; }
    void setSearchActive(bool active);
    // Folder paths of the crumbs, root first ("/", "/photos", "/photos/edits").
    QStringList crumbPaths() const;
    // The parent of a folder path ("/" for top-level folders and for "/").
    static QString parentOf(const QString &folderPath);

Q_SIGNALS:
    void folderActivated(const QString &folderPath);

private:
    void rebuild();

    QHBoxLayout *m_layout;
    QString m_path = QStringLiteral("/");
    bool m_searchActive = false;
};

} // namespace ikui
