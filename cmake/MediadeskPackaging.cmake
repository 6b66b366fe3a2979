# Desktop integration files and a .deb through CPack (`cpack -G DEB` in the build folder).
install(FILES "${PROJECT_SOURCE_DIR}/packaging/io.github.mediadesk.Mediadesk.desktop"
        DESTINATION share/applications)
install(FILES "${PROJECT_SOURCE_DIR}/packaging/io.github.mediadesk.Mediadesk.metainfo.xml"
        DESTINATION share/metainfo)
install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/mediadesk.svg"
        DESTINATION share/icons/hicolor/scalable/apps RENAME io.github.mediadesk.Mediadesk.svg)

set(CPACK_PACKAGE_NAME "mediadesk")
set(CPACK_PACKAGE_CONTACT "Mediadesk developers <mediadesk@localhost>")
set(CPACK_DEBIAN_PACKAGE_SECTION "graphics")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
include(CPack)
