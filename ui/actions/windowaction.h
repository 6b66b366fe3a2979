#pragma once

#include <QAction>
#include <QKeySequence>
#include <QWidget>

namespace ikui {

// An action of the whole window (its shortcut works wherever the focus is inside `window`),
// named for tests and screen readers, triggering `slot` on `receiver`.
template<typename Receiver, typename Slot>
QAction *addWindowAction(QWidget *window, Receiver *receiver, const QString &text, const char *objectName,
                         const QKeySequence &shortcut, Slot slot)
{
    auto *action = new QAction(text, window);
    action->setObjectName(QLatin1String(objectName));
    if (!shortcut.isEmpty())
        action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WindowShortcut);
    QObject::connect(action, &QAction::triggered, receiver, slot);
    window->addAction(action);
    return action;
}

} // namespace ikui
