#pragma once

#include "api/imagekit.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace ikui {

class FileStore;

// A one-page file search (a picker's "find a file by name"): the newest search replaces the one
// in flight, its files go into the session's store and come back as resultsReady.
class FileSearch : public QObject
{
    Q_OBJECT

public:
    FileSearch(const ik::ImageKit &imagekit, FileStore *store, QObject *parent = nullptr);

    // searchQuery in ImageKit's language; files only, at most `limit`.
    void search(const QString &searchQuery, int limit);
    void cancel();
    bool isSearching() const { return !m_job.isNull(); }

Q_SIGNALS:
    void resultsReady(const QList<ik::FileItem> &files);
    void failed(const ik::ApiError &error);

private:
    ik::ImageKit m_imagekit;
    QPointer<FileStore> m_store;
    QPointer<ik::FileListJob> m_job;
};

} // namespace ikui
