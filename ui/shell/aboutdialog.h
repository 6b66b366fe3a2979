#pragma once

#include <QDialog>

namespace ikui {

// Name, version, what the app is, and the libraries it stands on.
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);
};

} // namespace ikui
