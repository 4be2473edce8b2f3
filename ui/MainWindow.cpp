#include "MainWindow.h"

#include <QLabel>

namespace rb::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("RustBalance Console"));
    auto* placeholder = new QLabel(tr("No fleet configured yet."), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    resize(1000, 640);
}

}  // namespace rb::ui
