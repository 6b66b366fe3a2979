#pragma once

#include <QLabel>

namespace ikui {

// The orange "DEMO" mark in the status bar while the offline demo is open.
class DemoBadge : public QLabel
{
    Q_OBJECT

public:
    explicit DemoBadge(QWidget *parent = nullptr);
};

} // namespace ikui
