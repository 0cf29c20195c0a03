# Sourced by ./mvnw (and .ci/run): docpipe targets Java 21, while the default
# `java` on our machines is 17. Keep JAVA_HOME if it already points at a JDK
# >= 21; otherwise take the newest JDK >= 21 found in the usual places.
# POSIX sh, because mvnw is POSIX sh.
docpipe_jdk_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
docpipe_select_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(docpipe_jdk_major "$JAVA_HOME")
    [ "${major:-0}" -ge 21 ] && return 0
  fi
  best="" best_major=0
  set +f # mvnw runs with globbing off
  for home in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -x "$home/bin/javac" ] || continue
    major=$(docpipe_jdk_major "$home")
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$home" best_major="$major"
    fi
  done
  set -f
  if [ -z "$best" ]; then
    echo "docpipe needs a JDK >= 21 (set JAVA_HOME); none found under /usr/lib/jvm" >&2
    return 1
  fi
  JAVA_HOME="$best"
  export JAVA_HOME
}
docpipe_select_jdk
