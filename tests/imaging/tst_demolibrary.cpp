// ikemu::generateDemoLibrary: shape of the demo library (counts, folders, formats, metadata that
// validates against its own field schemas, versions) and near-duplicate groups that really are
// near in pHash while unrelated files are not.

#include "imagingtesthelpers.h"

#include "demo/demolibrary.h"
#include "imaging/imageinspector.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace imagingtest;

namespace {

// Duplicate-group copies are named <original>-<suffix>.<ext>.
const QStringList kCopySuffixes{QStringLiteral("-small"), QStringLiteral("-q30"), QStringLiteral("-cropped"), QStringLiteral("-bright")};

QString groupOf(const QString &fileName)
{
    QString base = fileName.section(QLatin1Char('.'), 0, 0);
    for (const QString &suffix : kCopySuffixes)
        if (base.endsWith(suffix))
            return base.chopped(suffix.size());
    return base;
}

} // namespace

class TestDemoLibrary : public QObject
{
    Q_OBJECT

private:
    ikemu::DemoLibrary m_library;
    QList<ikemu::ImageInfo> m_infos;

private Q_SLOTS:
    void initTestCase()
    {
        QElapsedTimer timer;
        timer.start();
        m_library = ikemu::generateDemoLibrary();
        qInfo("demo library: %lld files generated in %lld ms", qint64(m_library.files.size()), timer.elapsed());
        for (const ikemu::DemoFile &file : std::as_const(m_library.files))
            m_infos.append(ikemu::inspectImage(file.bytes, file.fileName));
    }

    void countsAndFolders()
    {
        QVERIFY(m_library.files.size() >= 70 && m_library.files.size() <= 100);
        QVERIFY(m_library.folders.size() >= 5);
        QSet<QString> seenFolders{QStringLiteral("/")};
        int nested = 0;
        for (const QString &folder : std::as_const(m_library.folders)) {
            QVERIFY2(folder.startsWith(QLatin1Char('/')) && !folder.endsWith(QLatin1Char('/')), qPrintable(folder));
            const QString parent = folder.section(QLatin1Char('/'), 0, -2);
            QVERIFY2(seenFolders.contains(parent.isEmpty() ? QStringLiteral("/") : parent), qPrintable(folder + QStringLiteral(" before its parent")));
            seenFolders.insert(folder);
            if (folder.count(QLatin1Char('/')) >= 3)
                ++nested;
        }
        QVERIFY(nested >= 1); // at least three levels deep somewhere
        QSet<QString> paths;
        for (const ikemu::DemoFile &file : std::as_const(m_library.files)) {
            QVERIFY2(seenFolders.contains(file.folderPath), qPrintable(file.folderPath));
            const QString path = file.folderPath + QLatin1Char('/') + file.fileName;
            QVERIFY2(!paths.contains(path), qPrintable(QStringLiteral("duplicate path ") + path));
            paths.insert(path);
            QVERIFY(!file.tags.isEmpty());
        }
    }

    void everyFileIsARealImageOfVariedFormatAndSize()
    {
        QHash<QByteArray, int> formats;
        QSet<QString> sizes;
        int transparent = 0;
        for (int i = 0; i < m_infos.size(); ++i) {
            const ikemu::ImageInfo &info = m_infos.at(i);
            QVERIFY2(info.isImage, qPrintable(m_library.files.at(i).fileName));
            // The extension tells the truth about the content.
            const QString extension = m_library.files.at(i).fileName.section(QLatin1Char('.'), -1);
            QCOMPARE(QString::fromLatin1(info.format), extension);
            ++formats[info.format];
            sizes.insert(QStringLiteral("%1x%2").arg(info.width).arg(info.height));
            transparent += info.hasTransparency ? 1 : 0;
        }
        for (const char *format : {"jpg", "png", "webp", "svg"})
            QVERIFY2(formats.value(format) >= 4, format);
        QVERIFY(sizes.size() >= 8);
        QVERIFY(transparent >= 3);
    }

    void customMetadataValidatesAgainstTheFieldSchemas()
    {
        QHash<QString, QJsonObject> schemas;
        QSet<QString> types;
        for (const QJsonObject &field : std::as_const(m_library.customMetadataFields)) {
            QVERIFY(!field.value(QStringLiteral("name")).toString().isEmpty());
            QVERIFY(!field.value(QStringLiteral("label")).toString().isEmpty());
            const QJsonObject schema = field.value(QStringLiteral("schema")).toObject();
            types.insert(schema.value(QStringLiteral("type")).toString());
            schemas.insert(field.value(QStringLiteral("name")).toString(), schema);
        }
        QCOMPARE(types, (QSet<QString>{QStringLiteral("Text"), QStringLiteral("Textarea"), QStringLiteral("Number"), QStringLiteral("Date"),
                                       QStringLiteral("Boolean"), QStringLiteral("SingleSelect"), QStringLiteral("MultiSelect")}));
        QSet<QString> usedFields;
        for (const ikemu::DemoFile &file : std::as_const(m_library.files)) {
            for (auto it = file.customMetadata.begin(); it != file.customMetadata.end(); ++it) {
                QVERIFY2(schemas.contains(it.key()), qPrintable(it.key()));
                usedFields.insert(it.key());
                const QJsonObject schema = schemas.value(it.key());
                const QString type = schema.value(QStringLiteral("type")).toString();
                const QJsonArray options = schema.value(QStringLiteral("selectOptions")).toArray();
                const QString where = file.fileName + QLatin1Char('.') + it.key();
                if (type == QLatin1String("SingleSelect")) {
                    QVERIFY2(options.contains(it.value()), qPrintable(where));
                } else if (type == QLatin1String("MultiSelect")) {
                    QVERIFY2(it.value().isArray(), qPrintable(where));
                    for (const QJsonValue &v : it.value().toArray())
                        QVERIFY2(options.contains(v), qPrintable(where));
                } else if (type == QLatin1String("Number")) {
                    QVERIFY2(it.value().isDouble(), qPrintable(where));
                    QVERIFY(it.value().toDouble() >= schema.value(QStringLiteral("minValue")).toDouble());
                    QVERIFY(it.value().toDouble() <= schema.value(QStringLiteral("maxValue")).toDouble());
                } else if (type == QLatin1String("Date")) {
                    QVERIFY2(QDateTime::fromString(it.value().toString(), Qt::ISODateWithMs).isValid(), qPrintable(where));
                } else if (type == QLatin1String("Boolean")) {
                    QVERIFY2(it.value().isBool(), qPrintable(where));
                } else {
                    QVERIFY2(it.value().isString(), qPrintable(where));
                    QVERIFY(it.value().toString().size() <= schema.value(QStringLiteral("maxLength")).toInt());
                }
            }
        }
        QVERIFY(usedFields.size() >= 6);
    }

    void versionsPrivacyAndDescriptions()
    {
        int withVersions = 0;
        int multiVersion = 0;
        int privateFiles = 0;
        int described = 0;
        for (const ikemu::DemoFile &file : std::as_const(m_library.files)) {
            if (!file.olderVersions.isEmpty()) {
                ++withVersions;
                multiVersion += file.olderVersions.size() >= 2 ? 1 : 0;
                for (const QByteArray &older : file.olderVersions) {
                    QVERIFY(older != file.bytes);
                    QVERIFY(ikemu::inspectImage(older, file.fileName).isImage);
                }
            }
            privateFiles += file.isPrivate ? 1 : 0;
            described += file.description.isEmpty() ? 0 : 1;
        }
        QVERIFY(withVersions >= 3);
        QVERIFY(multiVersion >= 1);
        QVERIFY(privateFiles >= 1);
        QVERIFY(described >= 10);
    }

    void generationIsDeterministic()
    {
        const ikemu::DemoLibrary again = ikemu::generateDemoLibrary();
        QCOMPARE(again.files.size(), m_library.files.size());
        for (int i = 0; i < again.files.size(); ++i) {
            QCOMPARE(again.files.at(i).fileName, m_library.files.at(i).fileName);
            QVERIFY2(again.files.at(i).bytes == m_library.files.at(i).bytes, qPrintable(again.files.at(i).fileName));
        }
    }

    void duplicateGroupsAreNearAndEverythingElseIsNot()
    {
        // Group: an original and its copies (same base name).
        QHash<QString, QList<int>> groups;
        for (int i = 0; i < m_library.files.size(); ++i)
            groups[groupOf(m_library.files.at(i).fileName)].append(i);
        int duplicateGroups = 0;
        int worstInGroup = 0;
        for (const QList<int> &members : std::as_const(groups)) {
            if (members.size() < 2)
                continue;
            ++duplicateGroups;
            QVERIFY(members.size() >= 5); // original + resized, re-encoded, cropped, brightened
            const quint64 original = m_infos.at(members.first()).pHash.toULongLong(nullptr, 16);
            for (int member : members) {
                const int distance = hammingDistance(original, m_infos.at(member).pHash.toULongLong(nullptr, 16));
                worstInGroup = std::max(worstInGroup, distance);
                QVERIFY2(distance <= 10, qPrintable(QStringLiteral("%1 is %2 bits from its original")
                                                        .arg(m_library.files.at(member).fileName).arg(distance)));
            }
        }
        QVERIFY(duplicateGroups >= 4);

        // Files of different groups: none within the duplicate threshold.
        int closestUnrelated = 64;
        QStringList tooClose;
        for (int i = 0; i < m_infos.size(); ++i)
            for (int j = i + 1; j < m_infos.size(); ++j) {
                if (groupOf(m_library.files.at(i).fileName) == groupOf(m_library.files.at(j).fileName))
                    continue;
                const int distance = hammingDistance(m_infos.at(i).pHash.toULongLong(nullptr, 16), m_infos.at(j).pHash.toULongLong(nullptr, 16));
                closestUnrelated = std::min(closestUnrelated, distance);
                if (distance <= 10)
                    tooClose.append(QStringLiteral("%1 / %2: %3 bits").arg(m_library.files.at(i).fileName, m_library.files.at(j).fileName).arg(distance));
            }
        qInfo("duplicate groups: worst copy %d bits from its original; closest unrelated pair %d bits", worstInGroup, closestUnrelated);
        QVERIFY2(tooClose.isEmpty(), qPrintable(tooClose.join(QStringLiteral("; "))));
    }
};

QTEST_MAIN(TestDemoLibrary)
#include "tst_demolibrary.moc"
