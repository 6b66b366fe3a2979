#include "browserwaits.h"

#include "apiwait.h"

#include "shell/mainwindow.h"
#include "models/filelistmodel.h"

#include "api/imagekit.h"

namespace guitest {

bool waitForListing(const ikui::MainWindow &window, int timeoutMs)
{
    return QTest::qWaitFor([&] { return window.fileModel() && !window.fileModel()->isLoading()
                                    && window.fileModel()->pageRequestCount() > 0; }, timeoutMs);
}

int rowOfName(const ikui::FileListModel *model, const QString &name)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(ikui::FileListModel::NameRole).toString() == name)
            return row;
    }
    return -1;
}

QStringList namesIn(ik::ImageKit &imageKit, const QString &folder, int timeoutMs)
{
    ik::ListFilesOptions options;
    options.path = folder;
    options.type = QStringLiteral("all");
    const auto list = awaitResult<ik::FileListJob, ik::FileList>(imageKit.listFiles(options), timeoutMs);
    if (!list)
        return {QStringLiteral("<listing of %1 failed>").arg(folder)};
    QStringList names;
    for (const auto &file : list->files)
        names << file.name;
    for (const auto &sub : list->folders)
        names << sub.name;
    names.sort();
    return names;
}

} // namespace guitest
