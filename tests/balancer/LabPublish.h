#pragma once
// Helpers for the publisher's end-to-end lab tests (test code only; blocking,
// thread-safe: plain POSIX sockets, no Qt event loop needed, so probes can run
// in a worker thread while the test thread does something else).
//
//   - socksGet(): HTTP GET through tor's SocksPort with SOCKS5 username/password
//     (tor's IsolateSOCKSAuth: a fresh username = fresh circuits, a new
//     rendezvous, a freshly chosen intro point);
//   - ClientControl: a cookie-authenticated control connection to a lab tor;
//     hsFetch() forces a descriptor fetch from the HSDirs (HSFETCH) and
//     returns the decoded descriptor (revision, intro auth keys);
//   - nodeIntroKeys(): the intro auth keys of a node's own current descriptor;
//   - RbctlProcess: runs `rbctl publish --json-log` and collects its events.

#include "descriptor/DescriptorDecoder.h"
#include "lab/LabNetwork.h"
#include "onion/MasterIdentity.h"
#include "onion/OnionAddress.h"

#include <QByteArray>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QProcess>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/prctl.h>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <optional>
#include <thread>

namespace rb::labpub {

inline qint64 msNow()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// --- tiny blocking TCP client ------------------------------------------------

class Tcp {
public:
    Tcp() = default;
    Tcp(const Tcp&) = delete;
    Tcp& operator=(const Tcp&) = delete;
    ~Tcp() { close(); }

    bool connectTo(quint16 port, int timeoutMs)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_fd < 0) {
            return false;
        }
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_deadlineMs = msNow() + timeoutMs;
        return ::connect(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    }
    void setDeadline(int timeoutMs) { m_deadlineMs = msNow() + timeoutMs; }
    bool writeAll(const QByteArray& data)
    {
        qsizetype off = 0;
        while (off < data.size()) {
            const ssize_t n = ::send(m_fd, data.constData() + off, static_cast<size_t>(data.size() - off), MSG_NOSIGNAL);
            if (n <= 0) {
                return false;
            }
            off += n;
        }
        return true;
    }
    // Reads up to `want` bytes more (0 = whatever arrives); false on timeout/close without data.
    bool readSome(QByteArray& into)
    {
        const qint64 left = m_deadlineMs - msNow();
        if (left <= 0) {
            return false;
        }
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(std::min<qint64>(left, 1000))) <= 0) {
            return msNow() < m_deadlineMs;  // keep waiting
        }
        char buf[16384];
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        if (n <= 0) {
            m_eof = true;
            return false;
        }
        into.append(buf, n);
        return true;
    }
    bool readExactly(QByteArray& buf, qsizetype n)
    {
        while (buf.size() < n) {
            if (!readSome(buf) && (m_eof || msNow() >= m_deadlineMs)) {
                return false;
            }
        }
        return true;
    }
    bool eof() const { return m_eof; }
    bool timedOut() const { return msNow() >= m_deadlineMs; }
    void close()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }

private:
    int m_fd = -1;
    qint64 m_deadlineMs = 0;
    bool m_eof = false;
};

struct ProbeResult {
    bool ok = false;
    QString node;    // "node-<i>" from the backend's page
    QString error;
    qint64 startedMs = 0;
    qint64 ms = 0;   // duration
};

// GET http://<host>/ through tor's SOCKS port with username/password isolation.
inline ProbeResult socksGet(quint16 socksPort, const QString& host, const QByteArray& user, int timeoutMs = 60000)
{
    ProbeResult r;
    r.startedMs = msNow();
    auto done = [&r](const QString& e) {
        r.error = e;
        r.ms = msNow() - r.startedMs;
        return r;
    };
    Tcp t;
    if (!t.connectTo(socksPort, timeoutMs)) {
        return done(QStringLiteral("cannot connect to the SOCKS port"));
    }
    QByteArray in;
    if (!t.writeAll(QByteArray("\x05\x01\x02", 3)) || !t.readExactly(in, 2) || in.at(1) != 0x02) {
        return done(QStringLiteral("SOCKS method negotiation failed"));
    }
    const QByteArray pass = "x";
    QByteArray auth;
    auth.append('\x01').append(static_cast<char>(user.size())).append(user).append(static_cast<char>(pass.size()))
        .append(pass);
    in.clear();
    if (!t.writeAll(auth) || !t.readExactly(in, 2) || in.at(1) != 0x00) {
        return done(QStringLiteral("SOCKS authentication failed"));
    }
    const QByteArray h = host.toLatin1();
    QByteArray req("\x05\x01\x00\x03", 4);
    req.append(static_cast<char>(h.size())).append(h).append('\x00').append('\x50');
    in.clear();
    if (!t.writeAll(req) || !t.readExactly(in, 4)) {
        return done(QStringLiteral("no SOCKS CONNECT reply (timeout)"));
    }
    if (in.at(1) != 0x00) {
        return done(QStringLiteral("SOCKS CONNECT failed: 0x%1").arg(static_cast<unsigned char>(in.at(1)), 2, 16,
                                                                        QLatin1Char('0')));
    }
    const int atyp = in.at(3);
    const qsizetype need = 4 + (atyp == 1 ? 6 : atyp == 4 ? 18 : 0);
    if (!t.readExactly(in, need)) {
        return done(QStringLiteral("short SOCKS reply"));
    }
    in.remove(0, need);
    if (!t.writeAll("GET / HTTP/1.0\r\nHost: " + h + "\r\n\r\n")) {
        return done(QStringLiteral("write failed"));
    }
    while (!t.eof() && !t.timedOut()) {
        t.readSome(in);
    }
    const qsizetype body = in.indexOf("\r\n\r\n");
    if (!in.startsWith("HTTP/1.") || body < 0) {
        return done(QStringLiteral("no HTTP answer (%1 bytes)").arg(in.size()));
    }
    r.node = QString::fromLatin1(in.mid(body + 4).trimmed());
    r.ok = r.node.startsWith(QLatin1String("node-"));
    return done(r.ok ? QString() : QStringLiteral("unexpected page '%1'").arg(r.node.left(40)));
}

// --- control connection ----------------------------------------------------------

struct FetchResult {
    bool found = false;
    quint64 revision = 0;
    QSet<QByteArray> introKeys;
    QString error;
};

class ClientControl {
public:
    bool open(quint16 port, const QString& cookiePath, QString* error)
    {
        QFile f(cookiePath);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read ") + cookiePath;
            return false;
        }
        const QByteArray cookie = f.readAll();
        if (!m_tcp.connectTo(port, 10000)) {
            *error = QStringLiteral("cannot connect to control port %1").arg(port);
            return false;
        }
        const QList<QByteArray> r = command("AUTHENTICATE " + cookie.toHex(), 10000);
        if (r.isEmpty() || !r.last().startsWith("250")) {
            *error = QStringLiteral("AUTHENTICATE failed");
            return false;
        }
        return true;
    }
    // Reply lines (data blocks appended as lines); events are queued.
    QList<QByteArray> command(const QByteArray& cmd, int timeoutMs = 15000)
    {
        QList<QByteArray> lines;
        m_tcp.setDeadline(timeoutMs);
        if (!m_tcp.writeAll(cmd + "\r\n")) {
            return lines;
        }
        QByteArray line;
        while (readLine(line)) {
            if (line.startsWith("6")) {
                readEventRest(line);
                continue;
            }
            lines.append(line);
            if (line.size() >= 4 && line.at(3) == '+') {
                QByteArray d;
                while (readLine(d) && d != ".") {
                    lines.append(d);
                }
                continue;
            }
            if (line.size() >= 4 && line.at(3) == ' ') {
                break;
            }
        }
        return lines;
    }
    QList<QByteArray> getInfo(const QByteArray& key)
    {
        QList<QByteArray> lines = command("GETINFO " + key);
        return lines;
    }
    // HSFETCH and wait for the descriptor (decoded with the master key).
    FetchResult hsFetch(const onion::OnionAddress& master, int timeoutMs = 30000)
    {
        FetchResult out;
        const QByteArray id = master.serviceId().toLatin1();
        command("SETEVENTS HS_DESC HS_DESC_CONTENT");
        m_events.clear();
        const QList<QByteArray> r = command("HSFETCH " + id);
        if (r.isEmpty() || !r.last().startsWith("250")) {
            out.error = QStringLiteral("HSFETCH refused");
            return out;
        }
        m_tcp.setDeadline(timeoutMs);
        int failures = 0;
        while (true) {
            while (!m_events.isEmpty()) {
                const QByteArray ev = m_events.takeFirst();
                if (ev.startsWith(QByteArray("650 HS_DESC FAILED " + id))) {
                    ++failures;
                    out.error = QString::fromLatin1(ev.mid(ev.indexOf("REASON=")));
                    if (failures >= 6) {
                        return out;
                    }
                }
                if (ev.startsWith(QByteArray("650+HS_DESC_CONTENT " + id))) {
                    const QByteArray body = ev.mid(ev.indexOf('\n') + 1);
                    if (body.trimmed().isEmpty()) {
                        continue;
                    }
                    descriptor::DecodeOptions o;
                    o.expectedSendmeIncrement = -1;
                    auto d = descriptor::DescriptorDecoder::decode(master.publicKey(), body, o);
                    if (!d) {
                        out.error = d.error().message;
                        return out;
                    }
                    out.found = true;
                    out.revision = d->outer.revisionCounter;
                    for (const auto& ip : d->inner.introPoints) {
                        out.introKeys.insert(ip.authKey().toByteArray());
                    }
                    return out;
                }
            }
            QByteArray line;
            if (!readLine(line)) {
                out.error = QStringLiteral("timeout");
                return out;
            }
            if (line.startsWith("6")) {
                readEventRest(line);
            }
        }
    }
    void close() { m_tcp.close(); }

private:
    bool readLine(QByteArray& line)
    {
        while (true) {
            const qsizetype nl = m_buf.indexOf("\r\n");
            if (nl >= 0) {
                line = m_buf.left(nl);
                m_buf.remove(0, nl + 2);
                return true;
            }
            if (!m_tcp.readSome(m_buf) && (m_tcp.eof() || m_tcp.timedOut())) {
                return false;
            }
        }
    }
    // An event line: "650 ..." or "650+..." with a data block (kept as one string, body after '\n').
    void readEventRest(const QByteArray& first)
    {
        QByteArray ev = first;
        if (first.size() >= 4 && first.at(3) == '+') {
            QByteArray d;
            while (readLine(d) && d != ".") {
                ev += '\n' + (d.startsWith("..") ? d.mid(1) : d);
            }
            ev += '\n';
            QByteArray end;
            readLine(end);  // "650 OK"
        }
        m_events.append(ev);
    }

    Tcp m_tcp;
    QByteArray m_buf;
    QList<QByteArray> m_events;
};

// Intro auth keys of a node's own current descriptor (empty if none / unreachable).
inline QSet<QByteArray> nodeIntroKeys(const lab::TorNode& node, const onion::OnionAddress& master)
{
    QSet<QByteArray> keys;
    ClientControl c;
    QString err;
    if (!c.open(node.controlPort, node.cookiePath, &err)) {
        return keys;
    }
    const QList<QByteArray> lines = c.getInfo("hs/service/desc/id/" + master.serviceId().toLatin1());
    if (lines.isEmpty() || !lines.first().startsWith("250+")) {
        return keys;
    }
    QByteArray text;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (lines.at(i).startsWith("250 ")) {
            break;
        }
        text += (lines.at(i).startsWith("..") ? lines.at(i).mid(1) : lines.at(i)) + '\n';
    }
    descriptor::DecodeOptions o;
    o.expectedSendmeIncrement = -1;
    auto d = descriptor::DescriptorDecoder::decode(master.publicKey(), text, o);
    if (d) {
        for (const auto& ip : d->inner.introPoints) {
            keys.insert(ip.authKey().toByteArray());
        }
    }
    return keys;
}

// Count of `needle` in a file (e.g. INTRO2 warnings in a notice log).
inline int countInFile(const QString& path, const QByteArray& needle)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return 0;
    }
    return static_cast<int>(f.readAll().count(needle));
}

// A fresh master identity written as tor's key files into dir (for LabNetwork's masterKeyDir).
inline Result<onion::MasterIdentity> makeMasterKeyDir(const QString& dir)
{
    auto id = onion::MasterIdentity::generate();
    if (!id) {
        return id.error();
    }
    auto rep = id->exportTorFiles(dir);
    if (!rep) {
        return rep.error();
    }
    return id;
}

// --- the rbctl binary ----------------------------------------------------------------

class RbctlProcess {
public:
    ~RbctlProcess() { kill(); }

    QString program() const { return qEnvironmentVariable("RB_RBCTL"); }

    bool start(const QStringList& args)
    {
        m_proc.setProgram(program());
        m_proc.setArguments(args);
        m_proc.setProcessChannelMode(QProcess::SeparateChannels);
        // If the test process dies (timeout, crash), rbctl gets SIGTERM too.
        m_proc.setChildProcessModifier([]() { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        m_proc.start();
        return m_proc.waitForStarted(10000);
    }
    // Reads what is available (call often); returns new JSON events.
    QList<QJsonObject> poll(int waitMs = 0)
    {
        if (waitMs > 0) {
            m_proc.waitForReadyRead(waitMs);
        }
        m_stdout += m_proc.readAllStandardOutput();
        m_stderr += m_proc.readAllStandardError();
        QList<QJsonObject> fresh;
        qsizetype nl;
        while ((nl = m_stdout.indexOf('\n', m_parsed)) >= 0) {
            const QByteArray line = m_stdout.mid(m_parsed, nl - m_parsed);
            m_parsed = nl + 1;
            const QJsonDocument d = QJsonDocument::fromJson(line);
            if (d.isObject()) {
                fresh.append(d.object());
                m_events.append(d.object());
            }
        }
        return fresh;
    }
    // Polls until pred(event) holds for an event (new or old) or timeout.
    std::optional<QJsonObject> waitFor(const std::function<bool(const QJsonObject&)>& pred, int timeoutMs)
    {
        for (const QJsonObject& e : m_events) {
            if (pred(e)) {
                return e;
            }
        }
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            for (const QJsonObject& e : poll(200)) {
                if (pred(e)) {
                    return e;
                }
            }
            if (m_proc.state() == QProcess::NotRunning) {
                poll();
                break;
            }
        }
        return std::nullopt;
    }
    int terminate(int timeoutMs = 20000)
    {
        if (m_proc.state() == QProcess::NotRunning) {
            poll();
            return m_proc.exitCode();
        }
        m_proc.terminate();  // SIGTERM
        if (!m_proc.waitForFinished(timeoutMs)) {
            m_proc.kill();
            m_proc.waitForFinished(5000);
            return -1;
        }
        poll();
        return m_proc.exitStatus() == QProcess::NormalExit ? m_proc.exitCode() : -1;
    }
    // Sends a signal (e.g. SIGHUP: reload) to the running rbctl.
    void signal(int sig)
    {
        if (m_proc.state() != QProcess::NotRunning) {
            ::kill(static_cast<pid_t>(m_proc.processId()), sig);
        }
    }
    bool waitFinished(int timeoutMs)
    {
        QElapsedTimer t;
        t.start();
        while (m_proc.state() != QProcess::NotRunning && t.elapsed() < timeoutMs) {
            poll(200);
            m_proc.waitForFinished(100);
        }
        poll();
        return m_proc.state() == QProcess::NotRunning;
    }
    void kill()
    {
        if (m_proc.state() != QProcess::NotRunning) {
            m_proc.kill();
            m_proc.waitForFinished(5000);
        }
    }
    int exitCode() const { return m_proc.exitCode(); }
    const QList<QJsonObject>& events() const { return m_events; }
    const QByteArray& rawStdout() const { return m_stdout; }
    const QByteArray& rawStderr() const { return m_stderr; }
    QList<QJsonObject> eventsOf(const QString& kind) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject& e : m_events) {
            if (e.value(QStringLiteral("event")).toString() == kind) {
                out.append(e);
            }
        }
        return out;
    }
    QString tail(int lines = 40) const
    {
        QList<QByteArray> l = QByteArray(m_stdout + m_stderr).split('\n');
        QStringList out;
        for (qsizetype i = std::max<qsizetype>(0, l.size() - lines); i < l.size(); ++i) {
            out << QString::fromUtf8(l.at(i)).left(400);
        }
        return out.join(u'\n');
    }

private:
    QProcess m_proc;
    QByteArray m_stdout;
    QByteArray m_stderr;
    qsizetype m_parsed = 0;
    QList<QJsonObject> m_events;
};

// --node/--cookie/--metrics arguments for the lab's service nodes (indices).
inline QStringList nodeArgs(const lab::LabNetwork& lab, const QList<int>& indices)
{
    QStringList a;
    for (int i : indices) {
        const lab::TorNode n = lab.service(i);
        a << QStringLiteral("--node") << QStringLiteral("%1=127.0.0.1:%2").arg(n.nickname).arg(n.controlPort)
          << QStringLiteral("--cookie") << QStringLiteral("%1=%2").arg(n.nickname, n.cookiePath);
        if (n.metricsPort) {
            a << QStringLiteral("--metrics") << QStringLiteral("%1=127.0.0.1:%2").arg(n.nickname).arg(n.metricsPort);
        }
    }
    return a;
}

// Background prober: one fresh (isolated) connection every intervalMs.
class Prober {
public:
    Prober(quint16 socksPort, QString host, int intervalMs, int timeoutMs = 60000)
        : m_port(socksPort), m_host(std::move(host)), m_interval(intervalMs), m_timeout(timeoutMs)
    {
    }
    ~Prober() { stop(); }
    void start()
    {
        m_stop = false;
        m_thread = std::thread([this]() {
            int n = 0;
            while (!m_stop) {
                const qint64 begin = msNow();
                const QByteArray user = "probe-" + QByteArray::number(msNow()) + "-" + QByteArray::number(n++);
                ProbeResult r = socksGet(m_port, m_host, user, m_timeout);
                {
                    QMutexLocker lock(&m_mutex);
                    m_results.append(r);
                }
                const qint64 wait = m_interval - (msNow() - begin);
                for (qint64 slept = 0; slept < wait && !m_stop; slept += 100) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
                }
            }
        });
    }
    void stop()
    {
        m_stop = true;
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }
    QList<ProbeResult> results() const
    {
        QMutexLocker lock(&m_mutex);
        return m_results;
    }

private:
    quint16 m_port;
    QString m_host;
    int m_interval;
    int m_timeout;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
    mutable QMutex m_mutex;
    QList<ProbeResult> m_results;
};

inline QString summarize(const QList<ProbeResult>& results, int* okOut = nullptr)
{
    int ok = 0;
    QMap<QString, int> byNode;
    QMap<QString, int> errors;
    for (const ProbeResult& r : results) {
        if (r.ok) {
            ++ok;
            byNode[r.node] += 1;
        } else {
            errors[r.error] += 1;
        }
    }
    if (okOut) {
        *okOut = ok;
    }
    QStringList parts;
    for (auto it = byNode.cbegin(); it != byNode.cend(); ++it) {
        parts << QStringLiteral("%1×%2").arg(it.key()).arg(it.value());
    }
    QStringList errs;
    for (auto it = errors.cbegin(); it != errors.cend(); ++it) {
        errs << QStringLiteral("%1×%2").arg(it.key()).arg(it.value());
    }
    return QStringLiteral("%1/%2 ok (%3)%4")
        .arg(ok)
        .arg(results.size())
        .arg(parts.join(QStringLiteral(", ")))
        .arg(errs.isEmpty() ? QString() : QStringLiteral("; failures: ") + errs.join(QStringLiteral(", ")));
}

}  // namespace rb::labpub
