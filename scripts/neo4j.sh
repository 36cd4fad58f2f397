#!/usr/bin/env bash
# A local Neo4j Community 5.26 for tests and trials, started by the project itself:
#   scripts/neo4j.sh start    resolve the pinned Neo4j with Maven (once), start it, print its URI
#   scripts/neo4j.sh stop     shut it down cleanly
#   scripts/neo4j.sh status   print its URI if it runs (exit 0), else say so (exit 3)
# Needs java (17) and mvn. The version is pinned in tools/neo4j-server/pom.xml; the Maven cache
# is var/neo4j/m2, so only the first start needs the network. Bolt listens on 127.0.0.1 only,
# auth off. Environment:
#   NEO4J_LOCAL_DIR   the server's folder (data, logs, pid, uri); default var/neo4j/server
#   NEO4J_LOCAL_PORT  Bolt port; default 0: a free port chosen at start
#   NEO4J_HEAP        JVM heap; default 1g      NEO4J_PAGECACHE_MB  page cache; default 512
# Then: GRAPH_CREDIT_ENGINE=neo4j GRAPH_CREDIT_NEO4J_URI=$(scripts/neo4j.sh status) graph-credit ...
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tool="$root/tools/neo4j-server"
cache="$root/var/neo4j"
dir="${NEO4J_LOCAL_DIR:-$cache/server}"
case "$dir" in /*) ;; *) dir="$root/$dir" ;; esac
pidfile="$dir/neo4j.pid"
urifile="$dir/uri"

die() { echo "neo4j.sh: $*" >&2; exit 1; }

running_pid() {
  local pid
  [ -f "$pidfile" ] || return 1
  pid="$(cat "$pidfile")"
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

# The classpath of the pinned Neo4j, resolved into the project's own Maven cache. Once the file
# is there (and newer than the pom) no Maven runs at all; a changed pom resolves again.
classpath() {
  local cp_file="$cache/classpath.txt"
  mkdir -p "$cache"
  if [ ! -s "$cp_file" ] || [ "$tool/pom.xml" -nt "$cp_file" ] || ! all_present "$cp_file"; then
    command -v mvn >/dev/null 2>&1 || die "mvn is not installed: it resolves Neo4j from Maven Central"
    echo "resolving Neo4j with Maven into $cache/m2 (first run only)" >&2
    mvn -B -q -f "$tool/pom.xml" -Dmaven.repo.local="$cache/m2" \
      dependency:build-classpath -Dmdep.outputFile="$cp_file.tmp" >&2 \
      || die "Maven could not resolve Neo4j (see the messages above)"
    mv "$cp_file.tmp" "$cp_file"
  fi
  cat "$cp_file"
}

all_present() {
  local jar
  while IFS= read -r jar; do [ -f "$jar" ] || return 1; done < <(tr ':' '\n' <"$1")
}

# A Bolt handshake: the magic preamble and a proposal of versions 5.4 down to 5.0; a live server
# answers with the version it picked (four bytes, not all zero).
bolt_reply() {
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf '\x60\x60\xb0\x17\x00\x04\x04\x05\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00' >&3
  timeout 5 head -c 4 <&3 | od -An -tx1 | tr -d ' \n'
  exec 3>&-
}

answers_bolt() {
  local port="$1" reply
  reply="$(bolt_reply "$port" 2>/dev/null)" || return 1
  [ -n "$reply" ] && [ "$reply" != "00000000" ]
}

start() {
  local pid cp java_bin log i uri
  if pid="$(running_pid)"; then
    [ -s "$urifile" ] || die "a server (pid $pid) runs in $dir but has written no URI yet"
    cat "$urifile"
    return 0
  fi
  command -v java >/dev/null 2>&1 || [ -n "${JAVA_HOME:-}" ] || die "java (17) is not installed"
  java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  cp="$(classpath)"
  mkdir -p "$dir"
  rm -f "$urifile" "$pidfile"
  log="$dir/launcher.log"
  # The source launcher compiles Launcher.java in memory: nothing is built or kept.
  "$java_bin" -Xms256m -Xmx"${NEO4J_HEAP:-1g}" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
    -Dneo4j.pagecache.mb="${NEO4J_PAGECACHE_MB:-512}" \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
    -Dio.netty.tryReflectionSetAccessible=true \
    -cp "$cp" "$tool/Launcher.java" "$dir" "${NEO4J_LOCAL_PORT:-0}" >"$log" 2>&1 &
  pid=$!
  echo "$pid" >"$pidfile"
  for i in $(seq 1 240); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidfile"
      tail -n 30 "$log" >&2
      die "Neo4j exited during start (log: $log)"
    fi
    if [ -s "$urifile" ]; then
      uri="$(cat "$urifile")"
      if answers_bolt "${uri##*:}"; then
        echo "$uri"
        return 0
      fi
    fi
    sleep 0.5
  done
  stop >/dev/null 2>&1 || true
  die "Neo4j did not answer Bolt within 120 s (log: $log)"
}

stop() {
  local pid i
  if ! pid="$(running_pid)"; then
    rm -f "$pidfile" "$urifile"
    echo "not running"
    return 0
  fi
  kill -TERM "$pid"  # the launcher's shutdown hook closes the databases cleanly
  for i in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "Neo4j (pid $pid) did not stop within 60 s: killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile" "$urifile"
  echo "stopped"
}

status() {
  local pid
  if pid="$(running_pid)" && [ -s "$urifile" ]; then
    cat "$urifile"
    return 0
  fi
  echo "not running" >&2
  return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: scripts/neo4j.sh start|stop|status" >&2; exit 2 ;;
esac
