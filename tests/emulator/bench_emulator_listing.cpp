// Listing speed of a 100,000-file folder: one page (limit 1000) at the start, the middle and the
// end, for each sort key, against the same page of a 1,000-file folder. The ratio shows whether
// paging stays index-bound (close to 1) or degrades with the folder size.
#include "store/mediastore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>

namespace {

void fill(ikemu::MediaStore &store, const QString &folder, int count)
{
    store.beginTransaction();
    store.ensureFolder(folder, 0);
    for (int i = 0; i < count; ++i) {
        ikemu::FileRecord r;
        r.versionId = ikemu::newObjectId();
        r.fileId = r.versionId;
        r.folder = folder;
        r.name = QStringLiteral("file-%1.jpg").arg((i * 7919) % count, 6, 10, QLatin1Char('0'));
        r.fileType = QStringLiteral("image");
        r.mime = QStringLiteral("image/jpeg");
        r.format = QStringLiteral("jpg");
        r.size = 1000 + (i * 31) % 50000;
        r.width = 100 + (i * 13) % 4000;
        r.height = 100 + (i * 17) % 3000;
        r.blobId = QStringLiteral("bench");
        r.createdAt = 1700000000000LL + i;
        r.updatedAt = r.createdAt + (i * 7) % 1000;
        store.insertFile(r);
    }
    store.commit();
}

double pageMs(ikemu::MediaStore &store, const QString &folder, const QString &column, bool descending, int skip)
{
    ikemu::FileListQuery query;
    query.folder = folder;
    query.sortColumn = column;
    query.descending = descending;
    query.skip = skip;
    query.limit = 1000;
    QElapsedTimer timer;
    double best = 1e9;
    for (int run = 0; run < 3; ++run) {
        timer.restart();
        const QList<ikemu::FileRecord> page = store.listFiles(query);
        best = qMin(best, timer.nsecsElapsed() / 1e6);
        if (page.size() != 1000)
            std::fprintf(stderr, "unexpected page size %d\n", int(page.size()));
    }
    return best;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    ikemu::MediaStore store(dir.path());
    QString error;
    if (!store.open(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    fill(store, QStringLiteral("/small"), 1000);
    fill(store, QStringLiteral("/big"), 100000);
    QTextStream out(stdout);
    out << "inserted 101,000 records in " << timer.elapsed() << " ms\n";
    out << "page of 1000 (best of 3)   small(1k) ms   big(100k) start/middle/end ms   ratio end/small\n";
    for (const char *column : {"created_at", "name", "updated_at", "size", "width", "height"}) {
        for (const bool descending : {false, true}) {
            const QString c = QString::fromLatin1(column);
            const double small = pageMs(store, QStringLiteral("/small"), c, descending, 0);
            const double start = pageMs(store, QStringLiteral("/big"), c, descending, 0);
            const double middle = pageMs(store, QStringLiteral("/big"), c, descending, 50000);
            const double end = pageMs(store, QStringLiteral("/big"), c, descending, 99000);
            out << QStringLiteral("%1 %2").arg(c, descending ? QStringLiteral("DESC") : QStringLiteral("ASC")).leftJustified(27)
                << QString::number(small, 'f', 2).rightJustified(8) << "       "
                << QString::number(start, 'f', 2) << " / " << QString::number(middle, 'f', 2) << " / "
                << QString::number(end, 'f', 2) << "        " << QString::number(end / small, 'f', 2) << "\n";
        }
    }
    return 0;
}
