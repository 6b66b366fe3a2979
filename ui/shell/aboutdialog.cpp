#include "shell/aboutdialog.h"

#include "shell/resources.h"

#include <QDialogButtonBox>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace ikui {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    initResources();
    setWindowTitle(tr("About Mediadesk"));
    setObjectName(QStringLiteral("aboutDialog"));

    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/mediadesk.svg")).pixmap(64, 64));
    icon->setAlignment(Qt::AlignCenter);

    auto *text = new QLabel(this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setTextFormat(Qt::RichText);
    text->setWordWrap(true);
    text->setText(tr("<h2>Mediadesk %1</h2>"
                     "<p>A native desktop media manager for ImageKit.io: browse your media library, "
                     "upload by drag and drop, edit tags and metadata, build transformation URLs "
                     "and find duplicate images.</p>"
                     "<p>Built with Qt %2.</p>")
                      .arg(QStringLiteral(MEDIADESK_VERSION), QString::fromLatin1(qVersion())));
    text->setAccessibleName(tr("About Mediadesk"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(icon);
    layout->addWidget(text);
    layout->addWidget(buttons);
    setMinimumWidth(380);
}

} // namespace ikui
