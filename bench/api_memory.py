#!/usr/bin/env python3
"""hearthd's memory under API load (issue 18, point 4): RSS idle, after
10,000 watchers and 1,000 finished runs exist, and after 16 clients made 112
full listings between them (every page of the 10,000 watchers, or 1,000
runs). Prints the figures; run it against a RelWithDebInfo build:

    bench/api_memory.py build/bin/hearthd
"""
import http.client
import json
import subprocess
import sys
import tempfile
import threading
import time


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else 'build/bin/hearthd'
    data_dir = tempfile.mkdtemp(prefix='hearth-bench-')
    hearthd = subprocess.Popen([binary, '--data-dir', data_dir, '--port', '0'],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    port = int(hearthd.stdout.readline().decode().strip().rsplit(':', 1)[1])
    host = {'Host': f'127.0.0.1:{port}'}
    writes = dict(host, **{'X-Hearth-Client': 'bench', 'Content-Type': 'application/json'})

    def rss_mib():
        with open(f'/proc/{hearthd.pid}/status') as status:
            for line in status:
                if line.startswith('VmRSS'):
                    return int(line.split()[1]) / 1024
        return 0

    def call(connection, method, target, body=None, headers=host):
        connection.request(method, target, body, headers)
        response = connection.getresponse()
        return response.status, response.read()

    try:
        time.sleep(0.5)
        idle = rss_mib()
        connection = http.client.HTTPConnection('127.0.0.1', port)
        for i in range(10000):
            spec = {'name': f'w{i}', 'script': 'return 1', 'enabled': False,
                    'schedule': {'every_s': 86400}}
            status, _ = call(connection, 'POST', '/api/v1/watchers', json.dumps(spec), writes)
            assert status == 201, status
        spec = {'name': 'runner', 'script': 'return {text = string.rep("x", 200)}',
                'schedule': {'every_s': 86400}, 'concurrency': 'queue'}
        _, body = call(connection, 'POST', '/api/v1/watchers', json.dumps(spec), writes)
        runner = json.loads(body)['id']
        for _ in range(1000):
            status, _ = call(connection, 'POST', f'/api/v1/watchers/{runner}/run', '', writes)
            assert status == 201, status
        while json.loads(call(connection, 'GET',
                              f'/api/v1/runs?watcher={runner}&status=pending&limit=1')[1])['items']:
            time.sleep(0.5)
        loaded = rss_mib()

        def lister(listings):
            own = http.client.HTTPConnection('127.0.0.1', port)
            for n in range(listings):
                if n % 2 == 0:
                    status, body = call(own, 'GET', '/api/v1/runs?limit=1000')
                    assert status == 200 and len(json.loads(body)['items']) == 1000, status
                    continue
                cursor = None
                listed = 0
                while True:
                    target = '/api/v1/watchers?limit=1000' + (f'&cursor={cursor}' if cursor else '')
                    status, body = call(own, 'GET', target)
                    # A refused listing would measure nothing: it must be real.
                    assert status == 200, (status, body[:200])
                    page = json.loads(body)
                    listed += len(page['items'])
                    cursor = page.get('next')
                    if not cursor:
                        break
                assert listed == 10001, listed

        threads = [threading.Thread(target=lister, args=(7,)) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        time.sleep(1.5)  # hearthd gives freed memory back once a burst is over
        after = rss_mib()
        print(f'idle RSS after start: {idle:.1f} MiB')
        print(f'RSS with 10,000 watchers and 1,000 runs: {loaded:.1f} MiB')
        print(f'RSS after 112 full listings by 16 clients: {after:.1f} MiB '
              f'({after / loaded:.2f}x the loaded idle)')
    finally:
        hearthd.terminate()
        hearthd.wait()


if __name__ == '__main__':
    main()
