#!/bin/sh
# pick-jar.sh MODULE MAIN_CLASS DEST: copies MODULE's executable jar (the one in MODULE/target whose
# manifest has Start-Class: MAIN_CLASS) to DEST. Whether the module attaches it as "-exec" or
# replaces its main artifact does not matter. Used by docker/Dockerfile; needs the JDK's `jar` tool.
set -eu
module=$1 main=$2 dest=$3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for jar in "$module"/target/*.jar; do
  [ -f "$jar" ] || continue
  rm -rf "$scratch/META-INF"
  (cd "$scratch" && jar --extract --file "$OLDPWD/$jar" META-INF/MANIFEST.MF) 2>/dev/null || continue
  if grep -q "^Start-Class: $main" "$scratch/META-INF/MANIFEST.MF" 2>/dev/null; then
    cp "$jar" "$dest"
    echo "$module: $jar"
    exit 0
  fi
done
echo "no executable jar with Start-Class $main in $module/target" >&2
exit 1
