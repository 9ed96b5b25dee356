#!/usr/bin/env python3
"""Runs the bench page (bench/dist/web) in a bundled headless Chromium on a real GPU.

The device machine has python3 but no node and no browser: scripts/device/pack-chromium.sh packs
Debian's Chromium with its libraries, and this script (stdlib only) serves the page on
http://127.0.0.1:<port> (loopback is a secure origin, as WebGPU needs), launches Chromium and
drives it over the DevTools protocol on a pipe (--remote-debugging-pipe: NUL-separated JSON on
fds 3 and 4), the way scripts/bench-browser.mjs drives it through Playwright: one fresh tab per
backend, `?backend=..&profile=..`, poll window.__benchResult, fall back to window.__benchPartial
when the tab runs out of time.

First it probes flag sets (navigator.gpu.requestAdapter() info, the WebGL renderer, and
SystemInfo.getInfo, the data of chrome://gpu) and keeps the first that gives a hardware WebGPU
adapter; --swiftshader forces SwiftShader instead (the local test). Results go to
OUT/results.json after every tab, so a run cut short keeps what finished.

  run-bench.py OUT [--chromium DIR] [--web DIR] [--plan webgpu:webgpu:45,webgpu:gpu:120,...]
               [--timeout 360] [--libs auto|bundle|system] [--swiftshader] [--flag=--x ...]
"""
import argparse
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

T0 = time.monotonic()


def log(line):
    print(f'[device +{time.monotonic() - T0:6.1f}s] {line}', flush=True)


# ---------------------------------------------------------------------------------------------
# Flags. BASE as in scripts/bench-browser.mjs (minus the SwiftShader ones), plus headless and
# the pipe. GPU_SETS are tried in order until one gives a hardware WebGPU adapter; the first is
# the one Chrome's own "WebGPU in headless Chrome on an NVIDIA GPU" recipe uses.
BASE = [
    '--headless=new', '--remote-debugging-pipe', '--no-sandbox', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-quic', '--disable-dev-shm-usage', '--noerrdialogs', '--disable-breakpad',
    '--password-store=basic', '--use-mock-keychain', '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows',
    '--enable-unsafe-webgpu', '--ignore-gpu-blocklist', '--enable-logging=stderr',
]
GPU_SETS = {
    'vulkan': ['--enable-features=Vulkan', '--use-angle=vulkan', '--disable-vulkan-surface'],
    'vulkan-native': ['--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan',
                      '--use-vulkan=native', '--use-angle=vulkan', '--disable-vulkan-surface',
                      '--enable-gpu'],
    'egl': ['--enable-features=Vulkan', '--use-gl=angle', '--use-angle=gl-egl',
            '--disable-vulkan-surface'],
}
SWIFTSHADER = ['--enable-features=Vulkan', '--use-webgpu-adapter=swiftshader',
               '--use-angle=swiftshader', '--enable-unsafe-swiftshader']
DEFAULT_PLAN = 'webgpu:webgpu:45,webgpu:gpu:120,webgl:gpu:90,cpu:cpu:120'
SOFTWARE = re.compile(r'swiftshader|llvmpipe|software|basic render|warp', re.I)


# ---------------------------------------------------------------------------------------------
class Server:
    """The built page on 127.0.0.1:port (and /probe.html, an empty page of the same origin)."""

    def __init__(self, web, port):
        class Handler(SimpleHTTPRequestHandler):
            extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                              '.js': 'text/javascript', '.mjs': 'text/javascript',
                              '.wasm': 'application/wasm', '.json': 'application/json'}

            def do_GET(self):
                if self.path.split('?')[0] == '/probe.html':
                    body = b'<!doctype html><meta charset="utf-8"><title>probe</title>'
                    self.send_response(200)
                    self.send_header('Content-Type', 'text/html')
                    self.send_header('Content-Length', str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                super().do_GET()

            def end_headers(self):
                self.send_header('Cache-Control', 'no-store')
                super().end_headers()

            def log_message(self, *a):
                pass

        self.httpd = ThreadingHTTPServer(('127.0.0.1', port), partial(Handler, directory=web))
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


class CDPError(Exception):
    pass


class Browser:
    """Chromium with the DevTools protocol on a pipe: writes to its fd 3, reads its fd 4."""

    def __init__(self, exe, flags, env, logfile):
        self.profile = tempfile.mkdtemp(prefix='devkit-profile-')
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        args = [exe, *flags, f'--user-data-dir={self.profile}', 'about:blank']
        self.logf = open(logfile, 'ab')
        self.logf.write(f'\n===== {" ".join(args)}\n'.encode())
        self.logf.flush()
        # sh puts the pipe ends on fds 3 and 4 (thread-safe, unlike a preexec_fn).
        self.proc = subprocess.Popen(
            ['/bin/sh', '-c', f'exec "$0" "$@" 3<&{to_chrome_r} 4>&{from_chrome_w}', *args],
            pass_fds=(to_chrome_r, from_chrome_w), env=env, stdin=subprocess.DEVNULL,
            stdout=self.logf, stderr=self.logf, start_new_session=True)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.next_id = 0
        self.pending = {}
        self.lock = threading.Lock()
        self.on_event = lambda msg: None
        self.closed = False
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        buf = b''
        while True:
            try:
                chunk = os.read(self.from_chrome, 1 << 20)
            except OSError:
                chunk = b''
            if not chunk:
                break
            buf += chunk
            *msgs, buf = buf.split(b'\0')
            for raw in msgs:
                try:
                    msg = json.loads(raw)
                except ValueError:
                    continue
                if 'id' in msg:
                    slot = self.pending.pop(msg['id'], None)
                    if slot:
                        slot[1] = msg
                        slot[0].set()
                else:
                    try:
                        self.on_event(msg)
                    except Exception as err:  # an event handler must not kill the reader
                        log(f'event handler: {err}')
        self.closed = True
        for slot in list(self.pending.values()):
            slot[0].set()

    def call(self, method, params=None, session=None, timeout=30):
        if self.closed:
            raise CDPError('browser pipe closed (Chromium exited?)')
        with self.lock:
            self.next_id += 1
            mid = self.next_id
            slot = [threading.Event(), None]
            self.pending[mid] = slot
            msg = {'id': mid, 'method': method, 'params': params or {}}
            if session:
                msg['sessionId'] = session
            os.write(self.to_chrome, json.dumps(msg).encode() + b'\0')
        if not slot[0].wait(timeout):
            self.pending.pop(mid, None)
            raise TimeoutError(f'{method}: no answer in {timeout} s')
        res = slot[1]
        if res is None:
            raise CDPError(f'{method}: browser pipe closed')
        if 'error' in res:
            raise CDPError(f'{method}: {res["error"].get("message")}')
        return res.get('result', {})

    def evaluate(self, session, expression, timeout=30):
        r = self.call('Runtime.evaluate', {'expression': expression, 'returnByValue': True,
                                           'awaitPromise': True}, session, timeout)
        if 'exceptionDetails' in r:
            d = r['exceptionDetails']
            raise CDPError(d.get('exception', {}).get('description') or d.get('text'))
        return r.get('result', {}).get('value')

    def new_tab(self, url, timeout=120):
        tid = self.call('Target.createTarget', {'url': 'about:blank'})['targetId']
        sid = self.call('Target.attachToTarget', {'targetId': tid, 'flatten': True})['sessionId']
        self.call('Runtime.enable', session=sid)
        self.call('Page.navigate', {'url': url}, sid, timeout=timeout)
        return tid, sid

    def close_tab(self, tid):
        try:
            self.call('Target.closeTarget', {'targetId': tid}, timeout=10)
        except Exception:
            pass

    def version(self):
        return self.call('Browser.getVersion')

    def close(self):
        try:
            self.call('Browser.close', timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            pass
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()
        for fd in (self.to_chrome, self.from_chrome):
            try:
                os.close(fd)
            except OSError:
                pass
        self.logf.close()
        shutil.rmtree(self.profile, ignore_errors=True)


PROBE_JS = r'''(async () => {
  const out = { userAgent: navigator.userAgent, secureContext: isSecureContext };
  try {
    if (!navigator.gpu) out.webgpu = 'navigator.gpu missing';
    else {
      const a = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
      if (!a) out.webgpu = 'requestAdapter() gave null';
      else {
        const i = a.info || {};
        const l = a.limits;
        out.webgpu = {
          vendor: i.vendor, architecture: i.architecture, device: i.device,
          description: i.description, isFallbackAdapter: a.isFallbackAdapter ?? i.isFallbackAdapter,
          features: [...a.features].sort(),
          limits: { maxBufferSize: l.maxBufferSize,
                    maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
                    maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
                    maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup },
        };
      }
    }
  } catch (e) { out.webgpu = 'error: ' + e; }
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) out.webgl = 'no webgl2 context';
    else {
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      out.webgl = { renderer: gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER),
                    vendor: gl.getParameter(ext ? ext.UNMASKED_VENDOR_WEBGL : gl.VENDOR),
                    version: gl.getParameter(gl.VERSION) };
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch (e) { out.webgl = 'error: ' + e; }
  return out;
})()'''


def probe(browser, port):
    """Adapter info as the page sees it, plus SystemInfo.getInfo (what chrome://gpu shows)."""
    out = {}
    try:
        out['version'] = browser.version().get('product')
    except Exception as err:
        return {'error': f'no browser: {err}'}
    tid = None
    try:
        tid, sid = browser.new_tab(f'http://127.0.0.1:{port}/probe.html', timeout=30)
        for _ in range(100):
            if browser.evaluate(sid, 'document.readyState') == 'complete':
                break
            time.sleep(0.1)
        out.update(browser.evaluate(sid, PROBE_JS, timeout=30) or {})
    except Exception as err:
        out['error'] = str(err)
    finally:
        if tid:
            browser.close_tab(tid)
    try:
        info = browser.call('SystemInfo.getInfo', timeout=20)
        gpu = info.get('gpu', {})
        out['gpu'] = {
            'devices': gpu.get('devices'),
            'driverBugWorkarounds': gpu.get('driverBugWorkarounds'),
            'featureStatus': gpu.get('featureStatus'),
            'auxAttributes': {k: v for k, v in (gpu.get('auxAttributes') or {}).items()
                              if re.search(r'vendor|renderer|version|gl|vulkan|driver|skia',
                                           k, re.I) and 'xtensions' not in k},
        }
    except Exception as err:
        out['gpu'] = f'SystemInfo.getInfo: {err}'
    return out


def hardware_webgpu(p):
    w = p.get('webgpu')
    if not isinstance(w, dict) or w.get('isFallbackAdapter'):
        return False
    return not SOFTWARE.search(' '.join(str(w.get(k) or '') for k in
                                        ('vendor', 'architecture', 'device', 'description')))


def describe(p):
    w, g = p.get('webgpu'), p.get('webgl')
    if isinstance(w, dict):
        w = ' · '.join(str(w.get(k)) for k in ('vendor', 'architecture', 'device', 'description')
                       if w.get(k)) + (' (fallback)' if w.get('isFallbackAdapter') else '')
    if isinstance(g, dict):
        g = g.get('renderer')
    return f'WebGPU: {w}; WebGL: {g}' + (f'; error: {p["error"]}' if p.get('error') else '')


# ---------------------------------------------------------------------------------------------
def run_page(browser, url, timeout_s, deadline):
    """One backend in a fresh tab, as runBenchPage in scripts/bench-browser.mjs."""
    tid = None
    end = min(time.monotonic() + timeout_s, deadline)
    try:
        tid, sid = browser.new_tab(url)

        def on_event(msg):
            m, prm = msg.get('method'), msg.get('params', {})
            if msg.get('sessionId') != sid:
                return
            if m == 'Runtime.consoleAPICalled':
                text = ' '.join(str(a.get('value', a.get('description', '')))
                                for a in prm.get('args', []))
                if text.startswith('[bench]'):
                    log(f'  {text}')
            elif m == 'Runtime.exceptionThrown':
                d = prm.get('exceptionDetails', {})
                log(f'  page error: {d.get("exception", {}).get("description") or d.get("text")}')
            elif m == 'Inspector.targetCrashed':
                log('  the page crashed')

        browser.on_event = on_event
        while time.monotonic() < end:
            try:
                raw = browser.evaluate(sid, 'JSON.stringify(window.__benchResult ?? null)',
                                       timeout=max(1, min(30, end - time.monotonic())))
                if raw and raw != 'null':
                    return json.loads(raw)
            except TimeoutError:
                pass  # the main thread is busy (a long synchronous readback): ask again
            time.sleep(1)
        why = 'out of time' if time.monotonic() < deadline else 'overall deadline reached'
        raise TimeoutError(f'{why} after {timeout_s} s budget')
    except Exception as err:
        partial_raw = None
        if tid and not browser.closed:
            try:
                partial_raw = browser.evaluate(sid, 'JSON.stringify(window.__benchPartial ?? null)',
                                               timeout=20)
            except Exception:
                pass
        part = json.loads(partial_raw) if partial_raw and partial_raw != 'null' else None
        done = ', '.join((part or {}).get('sections', {})) or 'none'
        return {**(part or {}), 'error': f'{err} (sections finished before: {done})'}
    finally:
        browser.on_event = lambda msg: None
        if tid:
            browser.close_tab(tid)


def library_env(chromium_dir, mode):
    """LD_LIBRARY_PATH for the bundle: 'bundle' = all bundled libs; 'system' = none; 'auto' =
    only those the system lacks (or whose versions are too old for Chromium), so the GPU
    driver's own dependencies stay the system's."""
    lib = os.path.join(chromium_dir, 'lib')
    exe = os.path.join(chromium_dir, 'chromium')

    def missing(path_list):
        env = {**os.environ, 'LD_LIBRARY_PATH': ':'.join(path_list)}
        r = subprocess.run(['ldd', exe], env=env, capture_output=True, text=True)
        return [ln.strip() for ln in (r.stdout + r.stderr).splitlines()
                if 'not found' in ln]

    if mode == 'bundle':
        return [lib], []
    if mode == 'system':
        return [], missing([])
    have = subprocess.run(['ldconfig', '-p'], capture_output=True, text=True).stdout
    names = {n for n, path in re.findall(r'^\s*(\S+) \(.*=> (\S+)$', have, re.M)
             if os.path.exists(path)}
    only = tempfile.mkdtemp(prefix='devkit-libs-')
    taken = []
    for name in sorted(os.listdir(lib)):
        if name not in names:
            os.symlink(os.path.join(lib, name), os.path.join(only, name))
            taken.append(name)
    log(f'libraries: {len(taken)} of {len(os.listdir(lib))} from the bundle '
        f'(the rest the system has): {" ".join(taken)}')
    gaps = missing([only])
    if gaps:
        log(f'with system libraries ldd still misses {gaps[:5]}: using the whole bundle')
        return [lib], missing([lib])
    return [only], []


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('out')
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument('--chromium', default=os.path.join(here, '..', 'run', 'chromium'))
    ap.add_argument('--web', default=None, help='the built page (default: CHROMIUM/../web)')
    ap.add_argument('--port', type=int, default=0, help='0: any free port')
    ap.add_argument('--plan', default=DEFAULT_PLAN,
                    help='backend:profile:seconds,... run in order (default %(default)s)')
    ap.add_argument('--timeout', type=float, default=360, help='overall seconds (default 360)')
    ap.add_argument('--libs', choices=('auto', 'bundle', 'system'), default='auto')
    ap.add_argument('--swiftshader', action='store_true', help='SwiftShader, no GPU (local test)')
    ap.add_argument('--sets', default=','.join(GPU_SETS), help='GPU flag sets to probe, in order')
    ap.add_argument('--flag', action='append', default=[], help='extra Chromium flag (repeat)')
    a = ap.parse_args()
    deadline = T0 + a.timeout
    os.makedirs(a.out, exist_ok=True)
    chromium = os.path.abspath(a.chromium)
    web = os.path.abspath(a.web or os.path.join(chromium, '..', 'web'))
    exe = os.path.join(chromium, 'chromium')
    results_path = os.path.join(a.out, 'results.json')
    chrome_log = os.path.join(a.out, 'chrome.log')
    report = {
        'date': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
        'machine': {'platform': platform.platform(), 'cores': os.cpu_count(),
                    'python': platform.python_version()},
        'plan': a.plan, 'probes': {}, 'backends': {},
    }

    def save():
        report['elapsedS'] = round(time.monotonic() - T0, 1)
        tmp = results_path + '.tmp'
        with open(tmp, 'w') as f:
            json.dump(report, f, indent=2)
        os.replace(tmp, results_path)

    def on_term(signum, frame):
        raise KeyboardInterrupt(f'signal {signum}')

    signal.signal(signal.SIGTERM, on_term)
    try:
        r = subprocess.run(['nvidia-smi', '--query-gpu=name,driver_version,memory.total',
                            '--format=csv,noheader'], capture_output=True, text=True, timeout=20)
        report['machine']['nvidiaSmi'] = r.stdout.strip() or r.stderr.strip()
    except Exception as err:
        report['machine']['nvidiaSmi'] = f'unavailable: {err}'
    log(f'machine: {report["machine"]}')

    paths, gaps = library_env(chromium, a.libs)
    report['libs'] = {'mode': a.libs, 'paths': paths, 'lddNotFound': gaps}
    env = {**os.environ, 'LD_LIBRARY_PATH': ':'.join(paths + [os.environ.get('LD_LIBRARY_PATH', '')]).strip(':'),
           'FONTCONFIG_FILE': os.path.join(chromium, 'fonts', 'fonts.conf')}
    for k in ('VK_DRIVER_FILES', 'VK_ICD_FILENAMES', '__EGL_VENDOR_LIBRARY_FILENAMES'):
        if k in env:
            log(f'{k}={env[k]}')
    server = Server(web, a.port)
    log(f'serving {web} on http://127.0.0.1:{server.port}')

    if a.swiftshader:
        candidates = [('swiftshader', SWIFTSHADER)]
    else:
        candidates = [(name, GPU_SETS[name]) for name in a.sets.split(',') if name in GPU_SETS]
    browser = None
    chosen = None
    try:
        for name, flags in candidates:
            b = Browser(exe, BASE + flags + a.flag, env, chrome_log)
            p = probe(b, server.port)
            report['probes'][name] = p
            log(f'probe {name}: {describe(p)}')
            save()
            if a.swiftshader or hardware_webgpu(p) or name == candidates[-1][0]:
                browser, chosen = b, name
                break
            b.close()
        if chosen and not a.swiftshader and not hardware_webgpu(report['probes'][chosen]):
            # none gave a hardware adapter: measure with the first set anyway, and say so
            browser.close()
            chosen = candidates[0][0]
            browser = Browser(exe, BASE + candidates[0][1] + a.flag, env, chrome_log)
            log(f'no flag set gave a hardware WebGPU adapter; running with "{chosen}" anyway')
        report['flags'] = BASE + dict(candidates)[chosen] + a.flag
        report['flagSet'] = chosen
        report['browser'] = report['probes'][chosen].get('version')
        report['hardwareWebgpu'] = hardware_webgpu(report['probes'][chosen])
        save()
        for item in a.plan.split(','):
            backend, prof, secs = (item.split(':') + ['', '120'])[:3]
            key = f'{backend}-{prof}'
            n = 2
            while key in report['backends']:  # the same pair twice in the plan
                key, n = f'{backend}-{prof}-{n}', n + 1
            if time.monotonic() >= deadline - 5:
                report['backends'][key] = {'error': 'skipped: overall deadline reached'}
                continue
            if browser.closed or browser.proc.poll() is not None:
                log('Chromium died: starting it again')
                browser.close()
                browser = Browser(exe, report['flags'], env, chrome_log)
            url = f'http://127.0.0.1:{server.port}/?backend={backend}&profile={prof}'
            log(f'{key}: {url} (at most {secs} s)')
            t = time.monotonic()
            res = run_page(browser, url, float(secs), deadline - 3)
            res['wallS'] = round(time.monotonic() - t, 1)
            report['backends'][key] = res
            sec = res.get('sections', {})
            timed = ', '.join(f'{k} {v["ms"] / 1000:.1f}s' for k, v in sec.items()
                              if isinstance(v, dict) and 'ms' in v)
            status = f'ERROR {res["error"]}' if 'error' in res else 'done'
            log(f'{key}: {status}; sections {timed}')
            save()
    except KeyboardInterrupt as err:
        report['interrupted'] = str(err)
        log(f'interrupted ({err}): saving what finished')
    finally:
        if browser:
            browser.close()
        server.close()
        save()
    log(f'wrote {results_path}')
    ok = any('sections' in v and 'error' not in v for v in report['backends'].values())
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
