// Compiled into the GUI-free libraries: the build fails here if anyone makes
// them depend on QtGui or QtWidgets (CMake also checks the link graph).
#if defined(QT_GUI_LIB) || defined(QT_WIDGETS_LIB)
#error "hearth_core and hearth_runtime must not use QtGui or QtWidgets"
#endif
