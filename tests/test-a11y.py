#!/usr/bin/env python3
# test-a11y.py: what a screen reader is told of the window, read over AT-SPI.
# Run by test-a11y.sh inside a D-Bus session with the accessibility bus up;
# STRATA is the binary. Prints TAP.
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import subprocess
import sys
import tempfile
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


def find_app(process, timeout):
    until = time.monotonic() + timeout
    while time.monotonic() < until and process.poll() is None:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.name == 'strata' and app.childCount > 0:
                return app
        time.sleep(0.2)
    return None


def collapsed_group(env):
    """ResNet-18 with its first residual block grouped, groups collapsed:
    the group's block says what it shows, not its first layer."""
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(os.environ['G_TEST_SRCDIR'], '..', 'data', 'examples',
                               'resnet18.strata'), encoding='utf-8') as source:
            network = json.load(source)
        network['version'] = 2
        network['groups'] = [{'name': 'layer1.0', 'first': 'layer1.0.conv1',
                              'last': 'layer1.0.relu_1'}]
        path = os.path.join(folder, 'grouped.strata')
        with open(path, 'w', encoding='utf-8') as target:
            json.dump(network, target)
        settings = os.path.join(folder, 'config', 'glib-2.0', 'settings')
        os.makedirs(settings)
        with open(os.path.join(settings, 'keyfile'), 'w', encoding='utf-8') as keyfile:
            keyfile.write('[io/github/strata/Strata]\ndiagram-collapse=true\n')
        env = dict(env, GSETTINGS_BACKEND='keyfile', XDG_CONFIG_HOME=os.path.join(folder, 'config'))
        process = subprocess.Popen([os.environ['STRATA'], path], env=env)
        blocks = []
        expected = ('layer1.0',
                    # Two 3 × 3 convolutions of 64 channels on 56 × 56: 2 × 56 × 56 × 64
                    # × 3 × 3 × 64 MACs; BatchNorm, ReLU and Add multiply no weights.
                    'Group of 7 layers: Conv × 2 · Add, 56 × 56 × 64, 74240 parameters, '
                    '231211008 MACs')
        try:
            # A larger network than the first window's: on a busy machine
            # its diagram is read again until its blocks are there.
            app = find_app(process, 60)
            until = time.monotonic() + 60
            while app is not None and expected not in blocks and time.monotonic() < until:
                time.sleep(1)
                for acc, role, name, _ in walk(app):
                    if name == 'Network diagram':
                        blocks = [(child.name, child.description)
                                  for child in (acc.getChildAtIndex(i)
                                                for i in range(acc.childCount))]
        finally:
            process.terminate()
            process.wait(10)
    return (expected in blocks and blocks.index(expected) == 5,
            'a group drawn as one block is one child, described as the block is',
            ['%r' % (block,) for block in blocks[:8]])


def main():
    env = dict(os.environ, GTK_A11Y='atspi', G_DEBUG=os.environ.get('STRATA_G_DEBUG', ''))
    env.pop('NO_AT_BRIDGE', None)
    process = subprocess.Popen([os.environ['STRATA']], env=env)
    results = []
    try:
        app = find_app(process, 20)
        if app is None and process.poll() is not None:
            print('1..1\nnot ok 1 the window runs # it exited with %d' % process.returncode)
            return 1
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

        # The lecture example: the input and seven layers, each a block
        # with its name, shape and parameters; the whole described.
        blocks = []
        if diagram:
            blocks = [(child.getRoleName(), child.name, child.description)
                      for child in (diagram[0].getChildAtIndex(i)
                                    for i in range(diagram[0].childCount))]
        expected = [
            ('list item', 'Input', '32 × 32 × 3'),
            ('list item', 'CONV1', 'Convolution, 28 × 28 × 8, 608 parameters'),
            ('list item', 'POOL1', 'Max pooling, 14 × 14 × 8, 0 parameters'),
            ('list item', 'CONV2', 'Convolution, 10 × 10 × 16, 3216 parameters'),
            ('list item', 'POOL2', 'Max pooling, 5 × 5 × 16, 0 parameters'),
            ('list item', 'FC3', 'Dense, 120, 48120 parameters'),
            ('list item', 'FC4', 'Dense, 84, 10164 parameters'),
            ('list item', 'Softmax', 'Dense, 10, 850 parameters'),
        ]
        results.append((blocks == expected, 'each block is a child with its numbers',
                        ['%r' % (block,) for block in blocks]))
        description = diagram[0].description if diagram else None
        results.append((description == '7 layers from an input of 32 × 32 × 3, 62958 parameters',
                        'the diagram describes the network', [description]))
    finally:
        process.terminate()
        process.wait(10)

    results.append(collapsed_group(env))

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
