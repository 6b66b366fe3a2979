#include "shell/demobadge.h"

namespace ikui {

DemoBadge::DemoBadge(QWidget *parent)
    : QLabel(tr(" DEMO "), parent)
{
    setObjectName(QStringLiteral("demoBadge"));
    setAccessibleName(tr("Offline demo: changes stay on this computer"));
    setToolTip(accessibleName());
    setStyleSheet(QStringLiteral("QLabel { background: #e66100; color: white; font-weight: bold;"
                                 " border-radius: 3px; padding: 1px 4px; }"));
    hide();
}

} // namespace ikui
