#pragma once

// The class of ikui::MainWindow::gridView(), complete. The GUI tests use only its
// QAbstractItemView API (auto *grid = window.gridView()), so when the grid's class changes, this
// include is the one line to follow it.
#include <QListView>
