// The tray's Watchers page with many watchers (issue 18, point 3): a real
// hearthd with N watchers (default 10,000), the tray's Session and main
// window on it (offscreen where there is no display). Prints how long the
// session takes to load every watcher, how long the page takes to show them
// (window shown, page chosen, table painted), a switch back to the page, a
// jump to the last row, and one watcher's change reaching the table.
//
//     build/bin/bench_tray [watchers]
#include "HearthdLauncher.h"
#include "MainWindow.h"
#include "Session.h"
#include "client/RuntimeConnection.h"
#include "pages/WatchersPage.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTableView>
#include <QTemporaryDir>

using namespace hearth;

namespace {

// Runs the event loop until `done` holds (or `timeoutMs` passes); the time
// it took in ms, or -1.
double waitFor(const std::function<bool()> &done, int timeoutMs = 60000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return -1;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return double(timer.nsecsElapsed()) / 1e6;
}

double paintMs(QTableView *view)
{
    QElapsedTimer timer;
    timer.start();
    view->viewport()->repaint();
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
    // hearthd inherits it: a master key, so that no keychain is looked for.
    qputenv("HEARTH_SECRET_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    QApplication app(argc, argv);
    const int count = argc > 1 ? std::atoi(argv[1]) : 10000;

    QTemporaryDir dataDir;
    bench::Started hearthd = bench::startHearthd(dataDir.path());
    if (!hearthd.port) {
        std::fprintf(stderr, "hearthd did not start\n");
        return 1;
    }
    {
        httplib::Client http("127.0.0.1", hearthd.port);
        const httplib::Headers headers { { "Host", "127.0.0.1:" + std::to_string(hearthd.port) },
                                         { "X-Hearth-Client", "bench" } };
        for (int i = 0; i < count; ++i) {
            const std::string body = R"({"name": "watcher )" + std::to_string(i) +
                R"(", "script": "return true", "schedule": {"every_s": 86400}})";
            auto answer = http.Post("/api/v1/watchers", headers, body, "application/json");
            if (!answer || answer->status != 201) {
                std::fprintf(stderr, "creating watcher %d failed\n", i);
                return 1;
            }
        }
    }
    std::printf("%d watchers, hearthd RSS %lld KiB\n", count,
                static_cast<long long>(bench::rssKiB(hearthd.process->processId())));

    const auto runtime = client::readRuntimeFile(dataDir.path());
    if (!runtime) {
        std::fprintf(stderr, "no runtime file\n");
        return 1;
    }
    ui::Session session(runtime.value());
    bool loaded = false;
    QObject::connect(&session, &ui::Session::watchersLoaded, &app, [&loaded]() { loaded = true; });
    session.open();
    const double loadMs = waitFor([&]() { return loaded; });
    std::printf("%-44s %8.1f ms\n", "session loads every watcher", loadMs);

    QElapsedTimer shown;
    shown.start();
    ui::MainWindow window(dataDir.path(), dataDir.filePath(QStringLiteral("worker.json")));
    window.setSession(&session);
    window.show();
    window.showPage(ui::MainWindow::Watchers);
    ui::WatchersPage *page = window.watchersPage();
    waitFor([&]() { return page->model()->rowCount() == count; });
    paintMs(page->view());
    std::printf("%-44s %8.1f ms (%d rows)\n", "Watchers page shown (window, page, painted)",
                double(shown.nsecsElapsed()) / 1e6, page->model()->rowCount());

    window.showPage(ui::MainWindow::Runs);
    QCoreApplication::processEvents();
    QElapsedTimer back;
    back.start();
    window.showPage(ui::MainWindow::Watchers);
    paintMs(page->view());
    std::printf("%-44s %8.1f ms\n", "back to the Watchers page, painted",
                double(back.nsecsElapsed()) / 1e6);

    QElapsedTimer last;
    last.start();
    page->view()->scrollToBottom();
    paintMs(page->view());
    std::printf("%-44s %8.1f ms\n", "jump to the last row, painted",
                double(last.nsecsElapsed()) / 1e6);

    // A change made elsewhere reaches the table through the event stream.
    const QString lastId = page->model()->recordAt(count - 1)->id;
    QElapsedTimer changed;
    changed.start();
    {
        httplib::Client http("127.0.0.1", hearthd.port);
        const httplib::Headers headers { { "Host", "127.0.0.1:" + std::to_string(hearthd.port) },
                                         { "X-Hearth-Client", "bench" } };
        auto answer = http.Patch("/api/v1/watchers/" + lastId.toStdString(), headers,
                                 R"({"enabled": false})", "application/json");
        if (!answer || answer->status != 200) {
            std::fprintf(stderr, "disabling a watcher failed\n");
            return 1;
        }
    }
    const double followed = waitFor([&]() {
        const client::Watcher *watcher = session.watchers().find(lastId);
        return watcher && !watcher->spec.enabled;
    });
    paintMs(page->view());
    std::printf("%-44s %8.1f ms\n", "a watcher disabled over the API, in the table",
                followed < 0 ? -1.0 : double(changed.nsecsElapsed()) / 1e6);
    std::printf("%-44s %8lld KiB\n", "tray process RSS",
                static_cast<long long>(bench::rssKiB(QCoreApplication::applicationPid())));
    window.close();
    bench::stop(hearthd);
    return 0;
}
