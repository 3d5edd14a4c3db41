#include "sha256.h"

#include <QtTest>

using finops::Sha256;

class TestSha256 : public QObject
{
    Q_OBJECT
private slots:
    void vectors_data();
    void vectors();
    void incrementalMatchesOneShot();
};

void TestSha256::vectors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("digest");
    // FIPS 180-4 examples (NIST CSRC "SHA256.pdf" example values).
    QTest::newRow("empty") << QByteArray()
                           << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    QTest::newRow("abc (FIPS 180-4)") << QByteArray("abc")
                                      << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    QTest::newRow("two blocks (FIPS 180-4)")
        << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        << "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
    QTest::newRow("million a (FIPS 180-4)") << QByteArray(1000000, 'a')
                                            << "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
}

void TestSha256::vectors()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, digest);
    QCOMPARE(QString::fromStdString(Sha256::hex(std::string_view(input.constData(), input.size()))), digest);
}

void TestSha256::incrementalMatchesOneShot()
{
    std::string data;
    for (int i = 0; i < 1000; ++i)
        data += std::to_string(i * 7919) + ",";
    Sha256 h;
    for (std::size_t pos = 0; pos < data.size(); pos += 37)
        h.update(std::string_view(data).substr(pos, 37));
    QCOMPARE(h.hexDigest(), Sha256::hex(data));
}

QTEST_GUILESS_MAIN(TestSha256)
#include "test_sha256.moc"
