#include <QTest>
class TestTransformpresets : public QObject
{
    Q_OBJECT
};
QTEST_GUILESS_MAIN(TestTransformpresets)
#include "tst_transformpresets.moc"
