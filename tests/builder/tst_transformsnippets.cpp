#include <QTest>
class TestTransformsnippets : public QObject
{
    Q_OBJECT
};
QTEST_GUILESS_MAIN(TestTransformsnippets)
#include "tst_transformsnippets.moc"
