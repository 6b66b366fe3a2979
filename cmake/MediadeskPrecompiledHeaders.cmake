# Precompiled Qt headers: most of a clean build is GCC parsing the same Qt headers again for every
# translation unit (~75 test executables, ~170 library sources). Four precompiled headers, each
# built ONCE in its own tiny target, are reused (REUSE_FROM) by every Mediadesk target:
#   core     QtCore + the standard library      (ikaccounts, targets without QtNetwork)
#   network  core + QtNetwork                   (ikcore, ikuploads, the CLI, core tests)
#   gui      network + QtGui                    (ikemulator, emulator/imaging tests)
#   widgets  gui + QtWidgets                    (ikui, the app, GUI and model tests)
# A target gets the richest flavour whose Qt modules it links (directly or through its libraries),
# so no target sees a Qt module it does not link: ikcore still cannot include QtGui/QtWidgets.
#
# Why reuse works with GCC: a .gch is accepted when every macro defined while it was built is
# defined identically now, and no macro the headers mention is defined differently. The headers
# are built with ONLY what every target has (mediadesk_settings' defines, QT_CORE_LIB, QT_NO_DEBUG,
# -fPIC, C++20, the build type's flags); the per-target QT_<MODULE>_LIB and MEDIADESK_* defines are
# not mentioned by these headers. QtTest is left out on purpose: its headers test QT_GUI_LIB,
# QT_WIDGETS_LIB and the per-folder QT_TESTCASE_BUILDDIR, so one .gch could not serve every test.
# If a target's flags ever differ, GCC says "cmake_pch.hxx.gch: not used because ..."
# (-Winvalid-pch, kept a warning, not an error): the target still builds correctly, only slower.
# Targets are left alone when they set their own COMPILE_OPTIONS or CXX_STANDARD, do not link
# mediadesk_settings, are EXCLUDE_FROM_ALL (the tests/build probes), or set MEDIADESK_NO_PCH.
#
# Off by default so that switching it in an existing build folder is a deliberate full rebuild;
# mediadesk.sh (the README commands and CI, which build from a clean clone) turns it on.
# Measured on ikcore's sources: 34% less CPU per translation unit (Release, GCC 12).
option(MEDIADESK_PCH "Precompile the Qt headers once and reuse them in every target" OFF)

set(_mediadesk_pch_core
    <algorithm> <array> <cmath> <functional> <limits> <memory> <optional> <utility> <vector>
    <QBuffer> <QByteArray> <QCoreApplication> <QCryptographicHash> <QDateTime> <QDir>
    <QElapsedTimer> <QEvent> <QEventLoop> <QFile> <QFileInfo> <QHash> <QJsonArray> <QJsonDocument>
    <QJsonObject> <QJsonValue> <QList> <QLocale> <QMessageAuthenticationCode> <QMetaType>
    <QMimeData> <QObject> <QPointer> <QProcess> <QRandomGenerator> <QRegularExpression>
    <QSaveFile> <QSet> <QSettings> <QSize> <QStandardPaths> <QString> <QStringList>
    <QTemporaryDir> <QTextStream> <QThread> <QTimer> <QUrl> <QUrlQuery> <QUuid>)
set(_mediadesk_pch_network ${_mediadesk_pch_core}
    <QHostAddress> <QHttpMultiPart> <QNetworkAccessManager> <QNetworkReply> <QNetworkRequest>
    <QTcpServer> <QTcpSocket>)
set(_mediadesk_pch_gui ${_mediadesk_pch_network}
    <QAction> <QClipboard> <QColor> <QGuiApplication> <QIcon> <QImage> <QImageReader>
    <QImageWriter> <QKeyEvent> <QPainter> <QPainterPath> <QPalette> <QPixmap>)
set(_mediadesk_pch_widgets ${_mediadesk_pch_gui}
    <QAbstractButton> <QAbstractItemView> <QApplication> <QCheckBox> <QComboBox> <QCompleter>
    <QDialog> <QDialogButtonBox> <QFileDialog> <QFormLayout> <QGroupBox> <QHBoxLayout>
    <QHeaderView> <QInputDialog> <QLabel> <QLineEdit> <QListView> <QListWidget> <QMainWindow>
    <QMenu> <QMenuBar> <QMessageBox> <QPlainTextEdit> <QProgressBar> <QPushButton> <QScrollBar>
    <QSpinBox> <QStackedWidget> <QStatusBar> <QStyle> <QStyledItemDelegate> <QToolButton>
    <QTreeView> <QVBoxLayout> <QWidget>)
set(_mediadesk_pch_flavours core network gui widgets)
set(_mediadesk_pch_modules_core Core)
set(_mediadesk_pch_modules_network Core Network)
set(_mediadesk_pch_modules_gui Core Network Gui)
set(_mediadesk_pch_modules_widgets Core Network Gui Widgets)

# The Qt modules (Core, Network, Gui, Widgets) a target links, directly or through our libraries.
function(_mediadesk_qt_modules_of target out_var)
    set(modules "")
    set(seen "")
    set(queue ${target})
    while(queue)
        list(POP_FRONT queue current)
        if(current IN_LIST seen)
            continue()
        endif()
        list(APPEND seen ${current})
        if(current MATCHES "^Qt6?::(Core|Network|Gui|Widgets)$")
            list(APPEND modules ${CMAKE_MATCH_1})
        endif()
        if(NOT TARGET ${current})
            continue()
        endif()
        get_target_property(imported ${current} IMPORTED)
        get_target_property(type ${current} TYPE)
        set(links "")
        if(imported)
            # Qt6::Widgets brings Qt6::Gui, and so on: follow Qt's own interface links.
            if(current MATCHES "^Qt6?::")
                get_target_property(links ${current} INTERFACE_LINK_LIBRARIES)
            endif()
        else()
            if(NOT type STREQUAL "INTERFACE_LIBRARY")
                get_target_property(links ${current} LINK_LIBRARIES)
            endif()
            get_target_property(interface_links ${current} INTERFACE_LINK_LIBRARIES)
            if(interface_links)
                list(APPEND links ${interface_links})
            endif()
        endif()
        foreach(link IN LISTS links)
            if(link MATCHES "^\\$<LINK_ONLY:(.+)>$")
                set(link "${CMAKE_MATCH_1}")
            endif()
            if(link AND NOT link MATCHES "^\\$<" AND NOT link MATCHES "-NOTFOUND$")
                list(APPEND queue ${link})
            endif()
        endforeach()
    endwhile()
    list(REMOVE_DUPLICATES modules)
    set(${out_var} "${modules}" PARENT_SCOPE)
endfunction()

function(_mediadesk_collect_targets dir out_var)
    get_directory_property(targets DIRECTORY "${dir}" BUILDSYSTEM_TARGETS)
    get_directory_property(subdirs DIRECTORY "${dir}" SUBDIRECTORIES)
    foreach(subdir IN LISTS subdirs)
        _mediadesk_collect_targets("${subdir}" sub_targets)
        list(APPEND targets ${sub_targets})
    endforeach()
    set(${out_var} "${targets}" PARENT_SCOPE)
endfunction()

# Call once, at the end of the top-level CMakeLists.txt (after every target exists).
function(mediadesk_apply_precompiled_headers)
    if(NOT MEDIADESK_PCH)
        return()
    endif()
    # A generated empty source: the PCH targets compile nothing but their header.
    set(empty_source "${PROJECT_BINARY_DIR}/mediadesk_pch/empty.cpp")
    file(CONFIGURE OUTPUT "${empty_source}" CONTENT "// The precompiled header is all this target builds.\n")

    foreach(flavour IN LISTS _mediadesk_pch_flavours)
        set(pch_target mediadesk_pch_${flavour})
        add_library(${pch_target} OBJECT EXCLUDE_FROM_ALL "${empty_source}")
        # Qt6::Core and mediadesk_settings only: their defines are the ones every target has. The
        # other modules contribute include directories, never their QT_<MODULE>_LIB define.
        target_link_libraries(${pch_target} PRIVATE mediadesk_settings Qt6::Core)
        foreach(module IN LISTS _mediadesk_pch_modules_${flavour})
            target_include_directories(${pch_target} SYSTEM PRIVATE
                $<TARGET_PROPERTY:Qt6::${module},INTERFACE_INCLUDE_DIRECTORIES>)
        endforeach()
        set_target_properties(${pch_target} PROPERTIES AUTOMOC OFF AUTORCC OFF AUTOUIC OFF)
        target_precompile_headers(${pch_target} PRIVATE ${_mediadesk_pch_${flavour}})
    endforeach()

    _mediadesk_collect_targets("${PROJECT_SOURCE_DIR}" targets)
    foreach(target IN LISTS targets)
        get_target_property(type ${target} TYPE)
        if(NOT type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY)$"
           OR target MATCHES "^mediadesk_pch_")
            continue()
        endif()
        get_target_property(opt_out ${target} MEDIADESK_NO_PCH)
        get_target_property(own_options ${target} COMPILE_OPTIONS)
        get_target_property(own_standard ${target} CXX_STANDARD)
        get_target_property(excluded ${target} EXCLUDE_FROM_ALL)
        get_target_property(links ${target} LINK_LIBRARIES)
        if(opt_out OR own_options OR own_standard OR excluded OR NOT "mediadesk_settings" IN_LIST links)
            continue()
        endif()
        _mediadesk_qt_modules_of(${target} modules)
        set(chosen "")
        foreach(flavour IN LISTS _mediadesk_pch_flavours)
            set(all_linked TRUE)
            foreach(module IN LISTS _mediadesk_pch_modules_${flavour})
                if(NOT module IN_LIST modules)
                    set(all_linked FALSE)
                endif()
            endforeach()
            if(all_linked)
                set(chosen ${flavour})
            endif()
        endforeach()
        if(chosen)
            target_precompile_headers(${target} REUSE_FROM mediadesk_pch_${chosen})
            # A program's AUTOMOC collection file is nearly always empty (its sources include
            # their own .moc): loading the .gch would cost ~2 s for nothing there.
            if(type STREQUAL "EXECUTABLE")
                get_target_property(binary_dir ${target} BINARY_DIR)
                set_source_files_properties("${binary_dir}/${target}_autogen/mocs_compilation.cpp"
                    TARGET_DIRECTORY ${target} PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
            endif()
            # A .gch whose flags differ is a slower build, not a failed one.
            target_compile_options(${target} PRIVATE -Wno-error=invalid-pch)
        endif()
    endforeach()
endfunction()
