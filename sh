noise before
pvguest: entry=pvh backend=native cmdline=
KTAP version 1
1..2
    KTAP version 1
    # Subtest: alpha
    1..3
    ok 1 first
    ok 2 second
    ok 3 third # SKIP no device
ok 1 alpha
    KTAP version 1
    # Subtest: beta
    1..1
    ok 1 only
ok 2 beta
pvguest: result 3 passed, 1 failed, 1 skipped
