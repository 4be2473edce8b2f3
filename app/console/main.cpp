#include "MainWindow.h"

#include <QApplication>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("rustbalance-console"));
    QApplication::setOrganizationName(QStringLiteral("RustBalance"));
    QApplication::setApplicationVersion(QStringLiteral(RB_VERSION));
    rb::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
