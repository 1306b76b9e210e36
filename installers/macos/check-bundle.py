#!/usr/bin/env python3
"""Checks the macOS bundle's settings here (issue 19): every plist under
installers/macos loads with plistlib and says what Hearth.app needs (the
tray as its executable, no Dock icon, the application id, the version
CMake fills in, the icon file), and hearth.icns, made from the SVG as the
macOS build makes it (rsvg-convert, png2icns), holds every size from 16 to
512 px. What only macOS can check (the bundle starting, Gatekeeper, the
DMG) is said in installers/README.md.

    installers/macos/check-bundle.py [version]
"""
import pathlib
import plistlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def main():
    version = sys.argv[1] if len(sys.argv) > 1 else '0.1.0'
    plists = sorted(HERE.glob('*.plist.in'))
    assert plists, 'no plist'
    for path in plists:
        text = path.read_text().replace('@PROJECT_VERSION@', version)
        info = plistlib.loads(text.encode())
        expected = {
            'CFBundleExecutable': 'hearth-tray',
            'CFBundleIdentifier': 'org.hearth.Hearth',
            'CFBundlePackageType': 'APPL',
            'CFBundleIconFile': 'hearth.icns',
            'CFBundleShortVersionString': version,
            'LSUIElement': True,
        }
        for key, value in expected.items():
            assert info.get(key) == value, f'{path.name}: {key} is {info.get(key)!r}, not {value!r}'
        shipped = sorted(p.stem.split('_')[1] for p in (ROOT / 'translations').glob('hearth_*.ts'))
        assert sorted(info['CFBundleLocalizations']) == sorted(['en'] + shipped), \
            f'{path.name}: CFBundleLocalizations {info["CFBundleLocalizations"]} vs {shipped}'
        print(f'{path.name}: loads, {len(info)} keys as expected')

    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        pngs = []
        for size in (16, 32, 48, 128, 256, 512):
            png = work / f'{size}.png'
            subprocess.run(['rsvg-convert', '--width', str(size), '--height', str(size),
                            '--output', str(png), str(ROOT / 'resources/icons/hearth.svg')],
                           check=True)
            pngs.append(str(png))
        icns = work / 'hearth.icns'
        subprocess.run(['png2icns', str(icns)] + pngs, check=True, capture_output=True)
        data = icns.read_bytes()
        assert data[:4] == b'icns' and int.from_bytes(data[4:8], 'big') == len(data), 'not an icns'
        listed = subprocess.run(['icns2png', '-l', str(icns)], check=True, capture_output=True,
                                text=True).stdout
        for size in (16, 32, 48, 128, 256, 512):
            assert f'{size}x{size}' in listed, f'hearth.icns has no {size}x{size} image:\n{listed}'
        print(f'hearth.icns: {len(data)} bytes, 16 to 512 px')
    print('check-bundle: passed')


if __name__ == '__main__':
    main()
