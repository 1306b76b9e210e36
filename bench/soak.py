#!/usr/bin/env python3
"""hearthd under a steady, mixed load for a while (issue 18, point 6):
1,000 Lua watchers firing every minute (each reads a secret), a device
worker (`hearth worker` with a no-op agent) completing 10 agent watchers'
runs, 16 API clients (KV reads, pages of runs, one KV write in ten, about 20
requests a second each), an event-stream client and a secret revealed every
5 s. Every minute it prints hearthd's RSS, open files, threads, database
size, the errors the clients saw and the runs that are stuck (running or
due for over two minutes). At the end: RSS growth after the first 5 minutes.
Exits non-zero on any error or stuck run.

    bench/soak.py [minutes, default 30] [build dir, default build]
"""
import base64
import datetime
import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

HOST_HEADERS = {}


def main():
    minutes = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    build = sys.argv[2] if len(sys.argv) > 2 else 'build'
    data_dir = tempfile.mkdtemp(prefix='hearth-soak-')
    env = dict(os.environ, HEARTH_SECRET_KEY=base64.b64encode(os.urandom(32)).decode())
    hearthd = subprocess.Popen([f'{build}/bin/hearthd', '--data-dir', data_dir, '--port', '0'],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    port = int(hearthd.stdout.readline().decode().strip().rsplit(':', 1)[1])
    HOST_HEADERS['Host'] = f'127.0.0.1:{port}'
    writes = dict(HOST_HEADERS, **{'X-Hearth-Client': 'soak', 'Content-Type': 'application/json'})
    errors = []
    stop = threading.Event()

    def call(connection, method, target, body=None, headers=None):
        connection.request(method, target, body, headers or HOST_HEADERS)
        response = connection.getresponse()
        return response.status, response.read()

    def checked(connection, method, target, body=None, headers=None):
        try:
            try:
                status, payload = call(connection, method, target, body, headers)
            except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
                # hearthd closed the kept-alive connection while it was idle
                # (after 5 s), as any server may: one retry on a new one.
                connection.close()
                status, payload = call(connection, method, target, body, headers)
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            errors.append(f'{method} {target}: {error}')
            return None
        if status >= 300:
            errors.append(f'{method} {target}: {status} {payload[:200]!r}')
            return None
        return payload

    worker = None
    try:
        setup = http.client.HTTPConnection('127.0.0.1', port)
        # hearthd loads the master key in the background and answers 503
        # secrets_unavailable until it has it: wait for it, as a client would.
        deadline = time.monotonic() + 20
        while json.loads(checked(setup, 'GET', '/api/v1/status'))['secrets']['state'] != 'ready':
            assert time.monotonic() < deadline, 'the master key was not loaded within 20 s'
            time.sleep(0.05)
        assert checked(setup, 'PUT', '/api/v1/secrets/TOKEN', '{"value": "soak"}', writes), errors
        for i in range(1000):
            spec = {'name': f'lua{i}', 'schedule': {'cron': '* * * * *', 'tz': 'UTC'},
                    'script': 'local t = secrets.get("TOKEN") return {n = #t}'}
            assert checked(setup, 'POST', '/api/v1/watchers', json.dumps(spec), writes)
        worker = subprocess.Popen(
            [f'{build}/bin/hearth', '--data-dir', data_dir, 'worker', '--name', 'soak',
             '--profile', '{"name": "noop", "program": "/bin/true"}'],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        worker_id = None
        while worker_id is None:
            time.sleep(0.2)
            listed = json.loads(checked(setup, 'GET', '/api/v1/workers') or b'{}')
            worker_id = next((w['id'] for w in listed.get('items', [])), None)
        for i in range(10):
            spec = {'name': f'agent{i}', 'kind': 'agent', 'agent_kind': 'noop',
                    'prompt': 'noop', 'device_worker_id': worker_id,
                    'schedule': {'every_s': 60}}
            assert checked(setup, 'POST', '/api/v1/watchers', json.dumps(spec), writes)
        assert checked(setup, 'PUT', '/api/v1/kv/soak', '{"price": 42}', writes)

        def api_client(number):
            own = http.client.HTTPConnection('127.0.0.1', port)
            n = 0
            while not stop.is_set():
                if n % 10 == 9:
                    checked(own, 'PUT', f'/api/v1/kv/soak-{number}', str(n), writes)
                elif n % 2:
                    checked(own, 'GET', '/api/v1/runs?limit=20')
                else:
                    checked(own, 'GET', '/api/v1/kv/soak')
                n += 1
                stop.wait(0.05)

        events = [0]

        def event_client():
            while not stop.is_set():
                own = http.client.HTTPConnection('127.0.0.1', port, timeout=60)
                try:
                    own.request('GET', '/api/v1/events', headers=HOST_HEADERS)
                    response = own.getresponse()
                    while not stop.is_set():
                        line = response.fp.readline()
                        if not line:
                            break
                        if line.startswith(b'event:'):
                            events[0] += 1
                except (OSError, http.client.HTTPException) as error:
                    if not stop.is_set():
                        errors.append(f'event stream: {error}')
                        stop.wait(1)

        def secret_reader():
            own = http.client.HTTPConnection('127.0.0.1', port)
            while not stop.wait(5):
                checked(own, 'POST', '/api/v1/secrets/TOKEN/reveal', '{}', writes)

        threads = [threading.Thread(target=api_client, args=(i,)) for i in range(16)]
        threads += [threading.Thread(target=event_client, daemon=True),
                    threading.Thread(target=secret_reader)]
        for thread in threads:
            thread.start()

        def proc(name):
            with open(f'/proc/{hearthd.pid}/status') as status:
                for line in status:
                    if line.startswith(name):
                        return int(line.split()[1])
            return 0

        def stuck_runs(connection):
            now = datetime.datetime.now(datetime.timezone.utc)
            stuck = 0
            for status, field in (('running', 'started_at'), ('pending', 'not_before')):
                page = json.loads(checked(connection, 'GET',
                                          f'/api/v1/runs?status={status}&limit=1000') or b'{}')
                for run in page.get('items', []):
                    since = datetime.datetime.fromisoformat(run[field].replace('Z', '+00:00'))
                    stuck += (now - since).total_seconds() > 120
            return stuck

        print(f'{minutes} min: 1,000 Lua watchers every minute, 10 agent watchers on a device '
              'worker, 16 API clients, an event stream, a secret read every 5 s')
        print(f'{"min":>4} {"RSS MiB":>8} {"fds":>5} {"threads":>7} {"db MiB":>7} '
              f'{"events":>7} {"errors":>6} {"stuck":>5}')
        monitor = http.client.HTTPConnection('127.0.0.1', port)
        rss = {}
        stuck = 0
        for minute in range(1, minutes + 1):
            time.sleep(60)
            rss[minute] = proc('VmRSS') / 1024
            fds = len(os.listdir(f'/proc/{hearthd.pid}/fd'))
            db = sum(os.path.getsize(os.path.join(data_dir, name))
                     for name in ('hearth.db', 'hearth.db-wal')
                     if os.path.exists(os.path.join(data_dir, name))) / 2**20
            stuck = stuck_runs(monitor)
            print(f'{minute:>4} {rss[minute]:>8.1f} {fds:>5} {proc("Threads"):>7} {db:>7.1f} '
                  f'{events[0]:>7} {len(errors):>6} {stuck:>5}', flush=True)
        stop.set()
        for thread in threads[:-2] + threads[-1:]:
            thread.join()
        if minutes > 5:
            print(f'RSS growth after minute 5: {(rss[minutes] / rss[5] - 1) * 100:+.1f} %')
        for error in errors[:10]:
            print('error:', error)
        return 1 if errors or stuck else 0
    finally:
        stop.set()
        if worker:
            worker.terminate()
            worker.wait()
        hearthd.terminate()
        hearthd.wait()


if __name__ == '__main__':
    sys.exit(main())
