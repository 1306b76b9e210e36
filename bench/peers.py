#!/usr/bin/env python3
"""Hearth beside Node-RED 4 at the job both exist for (issue 18, point 2):
1,000 jobs, each a trivial script or function, all due at the same minute.
Both run at once, their bursts alternating (Hearth's on even minutes,
Node-RED's on odd ones); each figure is the median of three bursts, printed
with the ratio. Run it against a RelWithDebInfo build:

    bench/peers.py [build] [bursts]

Node-RED is not a Debian package: the first run installs node-red@4 with npm
(the machine's Node.js) into ~/.cache/hearth-bench/node-red and later runs
reuse it. Nothing of it is part of Hearth or its build.

Figures, for both the same way:
- cold start: from spawning the program with the 1,000 jobs defined to its
  first HTTP answer (hearthd: GET /healthz on a fresh data dir; Node-RED: a
  flow's HTTP endpoint), median of five;
- RSS with the 1,000 jobs defined, after the first burst (hearthd alone and
  with its sandbox hosts; Node-RED's one process);
- start lateness: when each job's script began after the minute it was due
  (Hearth: a run's started_at; Node-RED: Date.now() on entering the
  function), p50 and p99 of the burst;
- throughput: jobs completed per second from the due minute to the last
  completion.
"""
import datetime
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

JOBS = 1000
NODE_RED_DIR = os.path.expanduser('~/.cache/hearth-bench/node-red')
NODE_RED = os.path.join(NODE_RED_DIR, 'node_modules', 'node-red', 'red.js')


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def rss_mib(pids):
    total = 0
    for pid in pids:
        try:
            with open(f'/proc/{pid}/status') as status:
                for line in status:
                    if line.startswith('VmRSS'):
                        total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def children(pid):
    """Every child process, whichever of its threads started it."""
    found = []
    try:
        for task in os.listdir(f'/proc/{pid}/task'):
            with open(f'/proc/{pid}/task/{task}/children') as listed:
                found += [int(child) for child in listed.read().split()]
    except FileNotFoundError:
        pass
    return found


def get(port, target, headers=None):
    connection = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
    try:
        connection.request('GET', target, headers=headers or {'Host': f'127.0.0.1:{port}'})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait_for_answer(port, target, headers=None, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            status, _ = get(port, target, headers)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.005)
    raise RuntimeError(f'no answer on port {port} {target}')


def free_port():
    import socket
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


def quiet_until_burst_ends():
    # Asking how a burst went costs the asked CPU: not while it runs.
    time.sleep(3)


def ms_of(rfc3339):
    return int(datetime.datetime.fromisoformat(rfc3339.replace('Z', '+00:00')).timestamp() * 1000)


class Hearth:
    name = 'Hearth'

    def __init__(self, build):
        self.binary = os.path.join(build, 'bin', 'hearthd')
        self.data_dir = tempfile.mkdtemp(prefix='hearth-peers-')
        self.process = None
        self.port = None

    def spawn(self, data_dir):
        process = subprocess.Popen([self.binary, '--data-dir', data_dir, '--port', '0'],
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        port = int(process.stdout.readline().decode().strip().rsplit(':', 1)[1])
        return process, port

    def cold_start_ms(self):
        data_dir = tempfile.mkdtemp(prefix='hearth-peers-cold-')
        began = time.monotonic()
        process, port = self.spawn(data_dir)
        wait_for_answer(port, '/healthz', {'Host': f'127.0.0.1:{port}'})
        elapsed = (time.monotonic() - began) * 1000
        process.terminate()
        process.wait()
        shutil.rmtree(data_dir, ignore_errors=True)
        return elapsed

    def start(self, cron):
        self.process, self.port = self.spawn(self.data_dir)
        headers = {'Host': f'127.0.0.1:{self.port}', 'X-Hearth-Client': 'peers',
                   'Content-Type': 'application/json'}
        connection = http.client.HTTPConnection('127.0.0.1', self.port)
        for i in range(JOBS):
            spec = {'name': f'job{i}', 'script': 'return {ok = true}',
                    'schedule': {'cron': cron, 'tz': 'UTC'}}
            connection.request('POST', '/api/v1/watchers', json.dumps(spec), headers)
            response = connection.getresponse()
            response.read()
            assert response.status == 201, response.status
        connection.close()

    def pids(self):
        return [self.process.pid]

    def all_pids(self):
        return [self.process.pid] + children(self.process.pid)

    def burst(self, due_ms, timeout_s=50):
        """(start lateness in ms of every run due then, last finish - due)."""
        deadline = time.monotonic() + timeout_s
        quiet_until_burst_ends()
        while True:
            runs = self._runs_due(due_ms)
            finished = [run for run in runs if run['status'] in ('succeeded', 'failed')]
            if len(finished) >= JOBS or time.monotonic() > deadline:
                break
            time.sleep(1)
        late = [ms_of(run['started_at']) - due_ms for run in runs if run['started_at']]
        last = max((ms_of(run['finished_at']) for run in finished), default=due_ms)
        return late, len(finished), last - due_ms

    def _runs_due(self, due_ms):
        runs, cursor = [], None
        while True:
            target = '/api/v1/runs?limit=1000' + (f'&cursor={cursor}' if cursor else '')
            status, body = get(self.port, target)
            assert status == 200, (status, body[:200])
            page = json.loads(body)
            matching = [run for run in page['items'] if ms_of(run['scheduled_for']) == due_ms]
            runs += matching
            cursor = page.get('next')
            # Newest first: once a page holds only older runs, the burst is read.
            if not cursor or any(ms_of(run['scheduled_for']) < due_ms for run in page['items']):
                return runs

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait()
        shutil.rmtree(self.data_dir, ignore_errors=True)


class NodeRed:
    name = 'Node-RED'

    def __init__(self):
        self.user_dir = tempfile.mkdtemp(prefix='hearth-peers-node-red-')
        self.process = None
        self.port = None

    @staticmethod
    def install():
        if os.path.exists(NODE_RED):
            return
        print(f'installing node-red@4 into {NODE_RED_DIR} (npm, once)', flush=True)
        os.makedirs(NODE_RED_DIR, exist_ok=True)
        subprocess.run(['npm', 'install', '--no-audit', '--no-fund', '--loglevel=error',
                        '--prefix', NODE_RED_DIR, 'node-red@4'], check=True)

    def version(self):
        with open(os.path.join(NODE_RED_DIR, 'node_modules', 'node-red', 'package.json')) as p:
            return json.load(p)['version']

    def write_flow(self, user_dir, cron):
        # Each job: a cron inject wired to its own function, which notes when
        # it began after the minute it was due and when it ended.
        nodes = [{'id': 'tab', 'type': 'tab', 'label': 'jobs'}]
        job = ('const now = Date.now();\n'
               'const due = Math.floor(now / 60000) * 60000;\n'
               'const stats = global.get("bench") || {};\n'
               'const burst = stats[due] || (stats[due] = {late: [], last: 0});\n'
               'burst.late.push(now - due);\n'
               'msg.payload = {ok: true};\n'
               'burst.last = Math.max(burst.last, Date.now() - due);\n'
               'global.set("bench", stats);\n'
               'return null;')
        for i in range(JOBS):
            nodes.append({'id': f'inject{i}', 'type': 'inject', 'z': 'tab', 'name': '',
                          'props': [{'p': 'payload'}], 'repeat': '', 'crontab': cron,
                          'once': False, 'onceDelay': 0.1, 'topic': '', 'payload': '',
                          'payloadType': 'date', 'wires': [[f'job{i}']]})
            nodes.append({'id': f'job{i}', 'type': 'function', 'z': 'tab', 'name': '',
                          'func': job, 'outputs': 1, 'wires': [[]]})
        nodes += [
            {'id': 'statsIn', 'type': 'http in', 'z': 'tab', 'url': '/bench-stats',
             'method': 'get', 'wires': [['statsFn']]},
            {'id': 'statsFn', 'type': 'function', 'z': 'tab', 'outputs': 1,
             'func': 'msg.payload = global.get("bench") || {}; return msg;',
             'wires': [['statsOut']]},
            {'id': 'statsOut', 'type': 'http response', 'z': 'tab', 'statusCode': '',
             'headers': {}, 'wires': []},
        ]
        with open(os.path.join(user_dir, 'flows.json'), 'w') as flows:
            json.dump(nodes, flows)

    def spawn(self, user_dir):
        port = free_port()
        process = subprocess.Popen(
            ['node', NODE_RED, '--userDir', user_dir, '--port', str(port), 'flows.json'],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=dict(os.environ, NODE_RED_ENABLE_PROJECTS='false'))
        return process, port

    def cold_start_ms(self, cron):
        user_dir = tempfile.mkdtemp(prefix='hearth-peers-node-red-cold-')
        self.write_flow(user_dir, cron)
        began = time.monotonic()
        process, port = self.spawn(user_dir)
        wait_for_answer(port, '/bench-stats')
        elapsed = (time.monotonic() - began) * 1000
        process.terminate()
        process.wait()
        shutil.rmtree(user_dir, ignore_errors=True)
        return elapsed

    def start(self, cron):
        self.write_flow(self.user_dir, cron)
        self.process, self.port = self.spawn(self.user_dir)
        wait_for_answer(self.port, '/bench-stats')

    def pids(self):
        return [self.process.pid]

    all_pids = pids

    def burst(self, due_ms, timeout_s=50):
        deadline = time.monotonic() + timeout_s
        quiet_until_burst_ends()
        while True:
            status, body = get(self.port, '/bench-stats')
            assert status == 200, status
            burst = json.loads(body).get(str(due_ms), {'late': [], 'last': 0})
            if len(burst['late']) >= JOBS or time.monotonic() > deadline:
                return burst['late'], len(burst['late']), burst['last']
            time.sleep(1)

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait()
        shutil.rmtree(self.user_dir, ignore_errors=True)


def next_minute(parity, not_before_ms):
    """The first whole minute at or after not_before_ms whose number has the parity."""
    minute = -(-not_before_ms // 60000)
    if minute % 2 != parity:
        minute += 1
    return minute * 60000


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else 'build'
    bursts = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    NodeRed.install()
    hearth, node_red = Hearth(build), NodeRed()
    crons = {hearth: '0-58/2 * * * *', node_red: '1-59/2 * * * *'}
    parity = {hearth: 0, node_red: 1}
    print(f'{JOBS} jobs due the same minute, {bursts} bursts each, alternating; '
          f'Hearth {build}, Node-RED {node_red.version()} on Node.js '
          f'{subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()}; '
          f'{os.cpu_count()} cores, {datetime.date.today()}', flush=True)
    figures = {peer: {} for peer in (hearth, node_red)}
    figures[hearth]['cold start to first answer (ms)'] = statistics.median(
        hearth.cold_start_ms() for _ in range(5))
    figures[node_red]['cold start to first answer (ms)'] = statistics.median(
        node_red.cold_start_ms(crons[node_red]) for _ in range(5))
    try:
        for peer in (hearth, node_red):
            peer.start(crons[peer])
        not_before = int(time.time() * 1000) + 10000
        samples = {peer: [] for peer in (hearth, node_red)}
        rss = {peer: None for peer in (hearth, node_red)}
        for n in range(bursts):
            for peer in sorted((hearth, node_red),
                               key=lambda p: next_minute(parity[p], not_before)):
                due = next_minute(parity[peer], not_before)
                time.sleep(max(0.0, due / 1000 - time.time()))
                late, completed, span_ms = peer.burst(due)
                not_before = due + 1
                if completed < JOBS:
                    print(f'{peer.name} burst {n + 1}: only {completed} of {JOBS} completed',
                          flush=True)
                throughput = completed * 1000 / span_ms if span_ms > 0 else 0
                samples[peer].append((percentile(late, 0.5), percentile(late, 0.99), throughput))
                print(f'{peer.name:8} burst {n + 1}: start late p50 {samples[peer][-1][0]} ms, '
                      f'p99 {samples[peer][-1][1]} ms, {throughput:.0f} jobs/s', flush=True)
                if rss[peer] is None:
                    rss[peer] = (rss_mib(peer.pids()), rss_mib(peer.all_pids()))
        for peer in (hearth, node_red):
            figures[peer]['RSS with 1,000 jobs (MiB)'] = rss[peer][0]
            figures[peer]['… with its sandbox hosts (MiB)'] = rss[peer][1]
            figures[peer]['start lateness p50 (ms)'] = statistics.median(s[0] for s in samples[peer])
            figures[peer]['start lateness p99 (ms)'] = statistics.median(s[1] for s in samples[peer])
            figures[peer]['jobs completed per second'] = statistics.median(
                s[2] for s in samples[peer])
    finally:
        hearth.stop()
        node_red.stop()
    print(f'\n{"figure (median)":34} {"Hearth":>10} {"Node-RED":>10} {"Hearth/Node-RED":>16}')
    for figure in figures[hearth]:
        mine, theirs = figures[hearth][figure], figures[node_red][figure]
        ratio = f'{mine / theirs:.2f}x' if theirs else '-'
        print(f'{figure:34} {mine:10.1f} {theirs:10.1f} {ratio:>16}')


if __name__ == '__main__':
    main()
