#!/usr/bin/env python3
# test-a11y.py: what a screen reader is told of the window, read over AT-SPI.
# Run by test-a11y.sh inside a D-Bus session with the accessibility bus up;
# STRATA is the binary. Prints TAP.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import subprocess
import sys
import time

import pyatspi

# Roles a person operates; each must say what it is.
CONTROLS = {'push button', 'toggle button', 'combo box', 'spin button', 'text',
            'check box', 'switch', 'menu item', 'entry'}


def walk(accessible, path=()):
    try:
        role = accessible.getRoleName()
        name = accessible.name
    except Exception:  # an object that went away while we looked
        return
    yield accessible, role, name, path
    for i in range(accessible.childCount):
        child = accessible.getChildAtIndex(i)
        if child is not None:
            yield from walk(child, path + (role,))


def find_app(timeout):
    until = time.monotonic() + timeout
    while time.monotonic() < until:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.name == 'strata' and app.childCount > 0:
                return app
        time.sleep(0.2)
    return None


def main():
    env = dict(os.environ, GTK_A11Y='atspi')
    env.pop('NO_AT_BRIDGE', None)
    process = subprocess.Popen([os.environ['STRATA']], env=env)
    results = []
    try:
        app = find_app(20)
        if app is None:
            print('1..0 # SKIP the window never showed on the accessibility bus')
            return 0
        # The window is laid out once its title says what it shows.
        time.sleep(2)
        nodes = list(walk(app))

        unnamed = ['%s %r under %s' % (role, name, '/'.join(path[-3:]))
                   for _, role, name, path in nodes
                   if role in CONTROLS and (not name.strip() or name.startswith('Gtk'))]
        results.append((not unnamed, 'every control has a name', unnamed))

        diagram = [acc for acc, role, name, _ in nodes if name == 'Network diagram']
        results.append((len(diagram) == 1, 'the diagram is named', [len(diagram)]))
    finally:
        process.terminate()
        process.wait(10)

    print('1..%d' % len(results))
    status = 0
    for number, (passed, title, details) in enumerate(results, 1):
        print('%s %d %s' % ('ok' if passed else 'not ok', number, title))
        if not passed:
            status = 1
            for detail in details:
                print('# %s' % detail)
    return status


sys.exit(main())
