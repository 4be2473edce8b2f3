#pragma once
// Runs "Fetch from HSDirs": HSFETCH from every fetchable row of an
// HsDirFetchModel, one HSDir at a time, and records what each holds compared
// with the published build (the descriptor is decoded with the master's
// public key: blinded key, revision counter, intro points). Asynchronous,
// with progress and cancel.

#include "publishing/HsDirFetchModel.h"
#include "publishing/HsFetchTransport.h"

#include <QObject>

#include <memory>

namespace rb::ui {

class HsDirFetcher : public QObject {
    Q_OBJECT
public:
    // Owns the transport.
    HsDirFetcher(std::unique_ptr<HsFetchTransport> transport, HsDirFetchModel* model, QString masterAddress,
                 QObject* parent = nullptr);
    ~HsDirFetcher() override;

    void start();
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] HsFetchTransport* transport() const { return m_transport; }

    struct Verdict {
        HsDirFetchModel::Holding holding = HsDirFetchModel::Holding::Error;
        std::optional<quint64> revision;
        std::optional<int> introPoints;
        QString detail;
    };
    // Pure: what a found descriptor means against the published build.
    static Verdict judge(const QString& masterAddress, const HsDirFetchModel::Row& row, const QByteArray& body);
    // Pure: what a refusal means.
    static Verdict judgeRefusal(const QByteArray& reason);

signals:
    void progress(int done, int total);
    void finished(bool cancelled);

private:
    void next();

    HsFetchTransport* m_transport = nullptr;
    HsDirFetchModel* m_model = nullptr;
    QString m_address;
    QList<int> m_queue;
    int m_total = 0;
    int m_done = 0;
    int m_current = -1;
    bool m_running = false;
    quint64 m_run = 0;
};

}  // namespace rb::ui
