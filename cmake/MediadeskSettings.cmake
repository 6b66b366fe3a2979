# One interface target that every Mediadesk target links: language level, warnings and the
# Qt strictness defines (as qBittorrent does). Strings must be built explicitly
# (QStringLiteral, QLatin1String, QString::fromUtf8), URLs from QUrl::fromUserInput/QUrl(QString).
add_library(mediadesk_settings INTERFACE)
target_compile_features(mediadesk_settings INTERFACE cxx_std_20)
target_compile_options(mediadesk_settings INTERFACE -Wall -Wextra -Wpedantic)
if(MEDIADESK_WERROR)
    target_compile_options(mediadesk_settings INTERFACE -Werror)
endif()
target_compile_definitions(mediadesk_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_KEYWORDS
)
