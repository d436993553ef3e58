# SPDX-License-Identifier: MIT
"""pvmatrix, the boot matrix, as a package (the command is tools/pvmatrix):

  ktap     KTAP v1 parsing: results, suites, where an incomplete log stopped
  envs     the environment files (tools/envs/*.env): schema, needs, preparation
  runner   starting, watching and judging the VMs
  reports  the table, summary.json, JUnit XML
  soak     --repeat: per test case, the runs it failed in
  cli      the command line
"""
