#pragma once

#include <QString>
#include <QStringList>

namespace ik {
class ImageKit;
}
namespace ikui {
class FileListModel;
class MainWindow;
}

namespace guitest {

// Waits until the window's file model has asked for its first page and nothing is loading.
bool waitForListing(const ikui::MainWindow &window, int timeoutMs);

// The row of the item called `name` in the file model, or -1.
int rowOfName(const ikui::FileListModel *model, const QString &name);

// What the server has in `folder` (files and subfolders, first page), by name, sorted; one
// entry "<listing of FOLDER failed>" when the server did not answer with a list in time.
QStringList namesIn(ik::ImageKit &imageKit, const QString &folder, int timeoutMs);

} // namespace guitest
