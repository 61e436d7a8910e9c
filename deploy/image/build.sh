#!/usr/bin/env bash
# Builds the container image of the gateway as an OCI image tarball (target/portcullis-image.tar by default), without
# a Docker daemon and without pulling a base image. `./portcullis image [OUTPUT.tar]` runs it after building the jar.
# The base is assembled the way distroless images are: files extracted from Debian packages, nothing installed.
# Layers, bottom to top:
#   base     libc6, libgcc-s1 and netbase extracted from their .deb files (apt-get download, dpkg-deb -x); /etc/passwd
#            and /etc/group with the user portcullis (65532); /tmp; /data owned by that user; mount points
#   runtime  /opt/java: a Java runtime made by jlink with only the modules the gateway uses
#   app      /app/portcullis.jar
#   aot      /app/portcullis.aot: the JDK 25 AOT cache, recorded by a training run of the image's own filesystem
#            (chroot, so only when run as root; without root the image has no cache and starts without one)
# The tarball holds an OCI image layout (oci-layout, index.json, blobs/) and a manifest.json, so `docker load`,
# `podman load`, skopeo and containerd read it. Needs bash, GNU tar, gzip, sha256sum, apt-get and dpkg-deb (Debian or
# Ubuntu), and a JDK 21+ with jlink (JAVA_HOME, else the one ./portcullis finds).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(realpath -m "${1:-$here/target/portcullis-image.tar}")"
jar="$here/target/portcullis.jar"
work="$here/target/image"
packages=(libc6 libgcc-s1 netbase)
# The modules of the jlinked runtime: one per line in deploy/image/modules (the Dockerfile reads the same file).
modules="$(grep -v '^#' "$here/deploy/image/modules" | paste -sd, -)"
uid=65532
epoch="${SOURCE_DATE_EPOCH:-$(git -C "$here" log -1 --format=%ct 2>/dev/null || echo 0)}"

. "$here/.mvn/find-jdk.sh"
JAVA_HOME="$(portcullis_jdk)" || exit 1
say() { echo "portcullis image: $*" >&2; }
[ -f "$jar" ] || { say "no $jar (expected: the jar built first, e.g. by ./portcullis image)"; exit 2; }
for tool in apt-get dpkg-deb tar gzip sha256sum; do
  command -v "$tool" >/dev/null || { say "needs $tool (expected: a Debian or Ubuntu machine)"; exit 2; }
done

rm -rf "$work/layers" "$work/oci"
mkdir -p "$work/debs" "$work/layers"/{base,runtime,app,aot} "$work/oci/blobs/sha256"

# 1. base: the C library and friends from Debian's packages, unpacked, never installed.
missing=()
for p in "${packages[@]}"; do compgen -G "$work/debs/${p}_*.deb" >/dev/null || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  say "fetching ${missing[*]} from the Debian archive (apt-get download)"
  if ! (cd "$work/debs" && apt-get download -q "${missing[@]}" >/dev/null 2>&1); then
    [ "$(id -u)" = 0 ] || { say "apt-get download ${missing[*]} failed (expected: apt sources that serve them; run 'apt-get update')"; exit 2; }
    apt-get update -qq >/dev/null
    (cd "$work/debs" && apt-get download -q "${missing[@]}" >/dev/null)
  fi
fi
base="$work/layers/base"
for deb in "$work/debs"/*.deb; do dpkg-deb -x "$deb" "$base"; done
rm -rf "$base"/usr/share/{doc,man,info,lintian,locale} "$base"/usr/lib/x86_64-linux-gnu/gconv
mkdir -p "$base"/{etc,tmp,data,home/portcullis,proc,dev,sys}
chmod 1777 "$base/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nportcullis:x:%d:%d:portcullis:/home/portcullis:/sbin/nologin\n' \
  "$uid" "$uid" > "$base/etc/passwd"
printf 'root:x:0:\nportcullis:x:%d:\n' "$uid" > "$base/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$base/etc/nsswitch.conf"
printf 'ID=portcullis\nNAME="Portcullis (Debian %s packages)"\n' "$(cut -d. -f1 /etc/debian_version 2>/dev/null || echo '?')" \
  > "$base/etc/os-release"

# 2. runtime: jlink, from the JDK's jmods or (JDK 24+, JEP 493) from its own run-time image.
say "linking a Java runtime ($modules)"
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --output "$work/layers/runtime/opt/java"
runtime_major="$(portcullis_jdk_major "$work/layers/runtime/opt/java")"

# 3. app: the jar, with the same fixed time as every file of the image (the AOT cache checks it).
mkdir -p "$work/layers/app/app"
cp "$jar" "$work/layers/app/app/portcullis.jar"
touch -d "@$epoch" "$work/layers/app/app/portcullis.jar"

java_opts=(--enable-native-access=ALL-UNNAMED)
entry=(/opt/java/bin/java "${java_opts[@]}")
default_opts="-Xms64m -Xmx384m -XX:+UseG1GC"

# 4. aot: a training run inside the image's own filesystem, so the cache matches /opt/java and /app/portcullis.jar.
if [ "$runtime_major" -ge 25 ] && [ "$(id -u)" = 0 ] && [ "${PORTCULLIS_AOT:-on}" != "off" ]; then
  say "recording the AOT cache (a training run against the bundled mock, in a chroot)"
  root="$work/layers/rootfs"
  rm -rf "$root" && mkdir -p "$root"
  cp -a "$base/." "$work/layers/runtime/." "$work/layers/app/." "$root/"
  # What a container runtime provides and the JVM reads: /proc (in a mount namespace of the run's own, so nothing
  # stays mounted), random numbers, /dev/null.
  mknod -m 666 "$root/dev/null" c 1 3 && mknod -m 666 "$root/dev/random" c 1 8 && mknod -m 666 "$root/dev/urandom" c 1 9
  # Two steps (record, then create) rather than -XX:AOTCacheOutput, which starts its second step through a shell.
  # shellcheck disable=SC2086
  if unshare --mount-proc="$root/proc" chroot "$root" /opt/java/bin/java "${java_opts[@]}" $default_opts -XX:AOTMode=record \
        -XX:AOTConfiguration=/app/portcullis.aotconf -jar /app/portcullis.jar aot-training >"$work/aot-training.log" 2>&1 \
      && unshare --mount-proc="$root/proc" chroot "$root" /opt/java/bin/java "${java_opts[@]}" $default_opts -XX:AOTMode=create \
        -XX:AOTConfiguration=/app/portcullis.aotconf -XX:AOTCache=/app/portcullis.aot -jar /app/portcullis.jar \
        >>"$work/aot-training.log" 2>&1 \
      && [ -f "$root/app/portcullis.aot" ]; then
    mkdir -p "$work/layers/aot/app"
    mv "$root/app/portcullis.aot" "$work/layers/aot/app/portcullis.aot"
    entry+=(-XX:AOTCache=/app/portcullis.aot -Xlog:aot=off,cds=off)
  else
    say "the AOT training run failed (see $work/aot-training.log); the image starts without a cache"
  fi
  rm -rf "$root"
else
  say "no AOT cache in the image (it needs a JDK 25+ runtime, root for the chroot training run, and PORTCULLIS_AOT not off)"
fi
entry+=(-jar /app/portcullis.jar)

# Layers: reproducible tars (sorted, fixed time, numeric owners), gzip'd; /data and the home belong to the user.
blob() { # FILE -> moves it into blobs/, prints "sha256:HEX SIZE"
  local hex size
  hex="$(sha256sum "$1" | cut -d' ' -f1)"
  size="$(stat -c %s "$1")"
  mv "$1" "$work/oci/blobs/sha256/$hex"
  echo "sha256:$hex $size"
}
tar_opts=(--sort=name --format=posix --numeric-owner --mtime="@$epoch"
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime)
layer_json=() diff_ids=() history=()
for name in base runtime app aot; do
  dir="$work/layers/$name"
  [ -n "$(ls -A "$dir")" ] || continue
  tarfile="$work/$name.tar"
  if [ "$name" = base ]; then
    tar "${tar_opts[@]}" --owner=0 --group=0 -C "$dir" --exclude=./data --exclude=./home/portcullis -cf "$tarfile" .
    tar "${tar_opts[@]}" --owner="$uid" --group="$uid" -C "$dir" -cf "$work/owned.tar" ./data ./home/portcullis
    tar -A -f "$tarfile" "$work/owned.tar" && rm "$work/owned.tar"
  else
    tar "${tar_opts[@]}" --owner=0 --group=0 -C "$dir" -cf "$tarfile" .
  fi
  diff_ids+=("\"sha256:$(sha256sum "$tarfile" | cut -d' ' -f1)\"")
  gzip -n -6 "$tarfile"
  read -r digest size < <(blob "$tarfile.gz")
  layer_json+=("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"$digest\",\"size\":$size}")
  history+=("{\"created\":\"$(date -u -d "@$epoch" +%FT%TZ)\",\"created_by\":\"portcullis image: $name\"}")
done

json_array() { local IFS=,; echo "[$*]"; }
quoted() { local s out=(); for s in "$@"; do out+=("\"$s\""); done; json_array "${out[@]}"; }
created="$(date -u -d "@$epoch" +%FT%TZ)"
cat > "$work/config.json" <<EOF
{"created":"$created","architecture":"amd64","os":"linux",
 "config":{"User":"$uid:$uid","ExposedPorts":{"8787/tcp":{}},
  "Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8","JDK_JAVA_OPTIONS=$default_opts",
   "PORTCULLIS_DATA_DIR=/data","PORTCULLIS_HOST=0.0.0.0"],
  "Entrypoint":$(quoted "${entry[@]}"),"Cmd":["serve"],"WorkingDir":"/data","Volumes":{"/data":{}},
  "StopSignal":"SIGTERM",
  "Labels":{"org.opencontainers.image.title":"portcullis","org.opencontainers.image.description":"Portcullis LLM gateway",
   "org.opencontainers.image.version":"0.1.0"}},
 "rootfs":{"type":"layers","diff_ids":$(json_array "${diff_ids[@]}")},
 "history":$(json_array "${history[@]}")}
EOF
read -r config_digest config_size < <(blob "$work/config.json")
cat > "$work/manifest.json" <<EOF
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
 "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"$config_digest","size":$config_size},
 "layers":$(json_array "${layer_json[@]}")}
EOF
read -r manifest_digest manifest_size < <(blob "$work/manifest.json")
cat > "$work/oci/index.json" <<EOF
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json",
 "manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"$manifest_digest","size":$manifest_size,
  "annotations":{"org.opencontainers.image.ref.name":"latest","io.containerd.image.name":"docker.io/library/portcullis:latest"}}]}
EOF
echo '{"imageLayoutVersion":"1.0.0"}' > "$work/oci/oci-layout"
layer_paths=()
for l in "${layer_json[@]}"; do
  d="${l#*\"digest\":\"sha256:}"
  layer_paths+=("\"blobs/sha256/${d%%\"*}\"")
done
echo "[{\"Config\":\"blobs/sha256/${config_digest#sha256:}\",\"RepoTags\":[\"portcullis:latest\"],\"Layers\":$(json_array "${layer_paths[@]}")}]" \
  > "$work/oci/manifest.json"

mkdir -p "$(dirname "$out")"
tar "${tar_opts[@]}" --owner=0 --group=0 -C "$work/oci" -cf "$out" .
rm -rf "$work/layers" "$work/oci"
say "wrote $out ($(du -h "$out" | cut -f1)); load it with 'docker load -i $out' or 'podman load -i $out'"
