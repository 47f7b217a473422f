#!/usr/bin/env bash
# Runs `landscape run` on hostile inputs under strace and fails if the process (or any thread or
# child) creates or connects a socket, or opens any file outside what it was given: the inputs,
# the output directory and its staging sibling, the config, the repository's Inputs/, and the
# system and runtime files every program reads (/usr, /lib, /etc/ld.so.*, /proc/self, /sys,
# /dev, /opt/swift, locale and time-zone data, and /proc/<thread>/stat of the process's own
# threads, which libdispatch's thread-pool monitor reads when workers block). The secret file
# the external entities point at must never be opened, not even attempted — neither through
# the attacks in the catalogs nor through symbolic links in the input folders (a link to the
# secret, a link to its folder, links that fan out). A second run finds symbolic links planted in the output folder (the lock
# file, the history's journal) pointing at a victim file: it must refuse (exit 73) without
# opening the victim.
#
#   scripts/check-isolation.sh [--binary PATH] [--inputs DIR --secret FILE] [--keep]
#
# Without --binary it builds the debug `landscape` (swift build --product landscape). Without
# --inputs it writes its own set of hostile inputs (the cases of Tests/PipelineTests/HostileInput.swift
# that reach out: entities, DTDs, XInclude, plus broken files) and a secret beside them.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
binary=""
inputs=""
secret=""
keep=0
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary=$2; shift 2 ;;
        --inputs) inputs=$2; shift 2 ;;
        --secret) secret=$2; shift 2 ;;
        --keep) keep=1; shift ;;
        *) echo "unknown argument: $1" >&2; exit 64 ;;
    esac
done

command -v strace >/dev/null || { echo "strace is not installed (apt-get install -y strace)" >&2; exit 69; }
if [ -z "$binary" ]; then
    (cd "$root" && swift build --product landscape >&2)
    binary="$root/.build/debug/landscape"
fi
binary=$(realpath "$binary")

work=$(mktemp -d /tmp/landscape-isolation-XXXXXX)
[ "$keep" = 1 ] || trap 'rm -rf "$work"' EXIT
if [ -z "$inputs" ]; then
    inputs=$work/inputs
    secret=$work/secret/secret.txt
    mkdir -p "$inputs" "$work/secret"
    python3 - "$inputs" "$secret" <<'PY'
import gzip, os, pathlib, sys
inputs, secret = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
secret.write_text('<!ENTITY secret "LANDSCAPE-SECRET-7f3a9c">\nLANDSCAPE-SECRET-7f3a9c\n')
url = secret.as_uri()
def doc(doctype, reference, prologue='<?xml version="1.0" encoding="UTF-8"?>\n'):
    return (prologue + (doctype + "\n" if doctype else "") + "<standards>\n"
            '<standard xml:lang="en"><front><std-meta><title-wrap xml:lang="en"><main>Hostile</main></title-wrap>'
            f'<std-ref type="dated">{reference}</std-ref></std-meta></front></standard>\n</standards>\n')
laughs = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{i} "{"&lol%d;" % (i - 1) * 10}">' for i in range(1, 10))
cases = {
    "billion-laughs.xml": doc(f"<!DOCTYPE standards [{laughs}]>", "&lol9;"),
    "external-entity-file.xml": doc(f'<!DOCTYPE standards [<!ENTITY secret SYSTEM "{url}">]>', "&secret;"),
    "external-entity-http.xml": doc('<!DOCTYPE standards [<!ENTITY secret SYSTEM "http://127.0.0.1:9/secret">]>', "&secret;"),
    "external-dtd.xml": doc(f'<!DOCTYPE standards SYSTEM "{url}">', "&secret;"),
    "external-dtd-http.xml": doc('<!DOCTYPE standards SYSTEM "http://127.0.0.1:9/standards.dtd">', "&secret;"),
    "parameter-entities.xml": doc(f'<!DOCTYPE standards [<!ENTITY % remote SYSTEM "{url}"> %remote;]>', "ISO 1:2000"),
    "xinclude.xml": doc("", f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{url}" parse="text"/>'),
    "xinclude-http.xml": doc("", '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="http://127.0.0.1:9/x" parse="text"/>'),
    "xml-stylesheet.xml": doc("", "ISO 2:2000", prologue=f'<?xml version="1.0"?>\n<?xml-stylesheet href="{url}"?>\n'),
    "schema-location.xml": '<?xml version="1.0"?>\n<standards xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="urn:x {url}"><standard><front><std-meta><std-ref type="dated">ISO 3:2000</std-ref></std-meta></front></standard></standards>\n',
    "truncated.xml": doc("", "ISO 4:2000")[:150],
    "empty.xml": "",
}
for name, text in cases.items():
    (inputs / name).write_text(text)
with gzip.open(inputs / "gzip-bomb.xml.gz", "wb", compresslevel=1) as bomb:
    bomb.write(b'<?xml version="1.0"?>\n<standards>\n')
    zeros = bytes(1 << 20)
    for _ in range(64):
        bomb.write(zeros)
(inputs / "directory.xml").mkdir()
os.mkfifo(inputs / "fifo.xml")
os.symlink(inputs / "missing.xml", inputs / "dangling.xml")
os.symlink(inputs / "loop-b.xml", inputs / "loop-a.xml")
os.symlink(inputs / "loop-a.xml", inputs / "loop-b.xml")
(inputs / "good.xml").write_text(doc("", "ISO/IEC 42001:2023"))
# Symbolic links that lead outside the inputs, or fan out.
os.symlink(secret, inputs / "secret-link.xml")
sub = inputs / "sub"
sub.mkdir()
os.symlink(secret.parent, sub / "secret-folder")
level = sub / "fan"
for depth in range(12):
    level.mkdir()
    (level / f"c{depth}.xml").write_text(doc("", f"ISO {100 + depth}:2000"))
    nxt = level / "n"
    os.symlink(nxt, level / "a")
    os.symlink(nxt, level / "b")
    level = nxt
PY
fi
inputs=$(realpath "$inputs")
[ -n "$secret" ] || { echo "--inputs needs --secret FILE (the file the attacks point at)" >&2; exit 64; }
secret=$(realpath -m "$secret")

output=$work/out
config=$work/Pipeline.yaml
# The folder of links (to the secret's folder, fanning out) exists in the generated inputs.
tree_source=""
if [ -d "$inputs/sub" ]; then
    tree_source="  - name: hostile-tree
    format: niso-sts
    paths: [\"$inputs/sub/**/*.xml*\"]"
fi
cat > "$config" <<YAML
sources:
  - name: hostile
    format: niso-sts
    paths: ["$inputs/*.xml*"]
  - name: hostile-ieee
    format: ieee-idams
    paths: ["$inputs/*.xml*"]
$tree_source
committees:
  - format: iso-open-data
    paths: ["$root/Inputs/committees/iso_technical_committees.jsonl"]
  - format: landscape-committees
    paths: ["$root/Inputs/committees/cen-cenelec.yaml", "$root/Inputs/committees/ieee.yaml"]
output:
  directory: $output
error_budget: 1.0
scoring:
  taxonomy: $root/Inputs/taxonomy.yaml
participation:
  members: ["$root/Inputs/committees/iso_members.csv"]
limits:
  max_seconds_per_file: 20
  max_decompressed_bytes: 67108864
YAML

trace=$work/strace.log
set +e
(cd "$work" && timeout 300 strace -f -qq -s 4096 -o "$trace" \
    -e trace=network,open,openat,openat2,creat,execve,connect,socket,bind,sendto,sendmsg \
    "$binary" run --config "$config" --quiet)
status=$?
set -e
echo "landscape exited $status" >&2

python3 - "$trace" "$work" "$inputs" "$secret" "$output" "$config" "$root/Inputs" "$binary" "$status" <<'PY'
import os, re, sys
trace, work, inputs, secret, output, config, repo_inputs, binary, status = sys.argv[1:]
parent, name = os.path.split(output)
allowed_prefixes = [
    inputs + "/", output + "/", os.path.join(parent, "." + name + ".staging-"), repo_inputs + "/",
    "/usr/", "/lib/", "/lib64/", "/opt/swift/", "/proc/self/", "/sys/", "/dev/",
    "/etc/ld.so.", "/usr/share/zoneinfo/", "/usr/lib/locale/",
]
allowed_exact = {inputs, output, parent, config, repo_inputs, binary, "/etc/localtime", "/etc/timezone",
                 "/proc/cpuinfo", "/proc/stat", "/proc/meminfo", "/proc/self", "/proc/sys/vm/overcommit_memory"}
binary_folder = os.path.dirname(binary) + "/"
def is_library_lookup(path):
    # The dynamic loader looks for shared libraries beside the binary first ($ORIGIN run path).
    return path.startswith(binary_folder) and ".so" in os.path.basename(path)
problems, opened = [], set()
call = re.compile(r'^(\d+)\s+(?:<\.\.\. )?(\w+)\(')
path_arg = re.compile(r'(?:openat2?\((?:AT_FDCWD|\d+<[^>]*>|\d+), |open\(|creat\()"((?:[^"\\]|\\.)*)"')
lines = open(trace, errors="replace").readlines()
# The process's own threads: libdispatch's thread-pool monitor reads their /proc/<thread>/stat.
own_threads = {m.group(1) for m in map(call.match, lines) if m}
own_stat = re.compile(r'^/proc/(\d+)(?:/task/(\d+))?/stat$')
def is_own_thread_stat(path):
    m = own_stat.match(path)
    return bool(m) and all(n in own_threads for n in m.groups() if n)
for line in lines:
    m = call.match(line)
    if not m:
        continue
    syscall = m.group(2)
    if syscall in ("socket", "connect", "bind", "sendto", "sendmsg") and "resumed" not in line:
        problems.append("network: " + line.strip())
        continue
    if syscall == "execve" and not line.split('"')[1:2] == [binary]:
        problems.append("started another program: " + line.strip())
        continue
    p = path_arg.search(line)
    if not p:
        continue
    path = p.group(1).encode().decode("unicode_escape")
    full = os.path.normpath(path if path.startswith("/") else os.path.join(work, path))
    opened.add(full)
    real = os.path.realpath(full)
    if full == secret or full.startswith(os.path.dirname(secret) + "/") or real == secret or real.startswith(os.path.dirname(secret) + "/"):
        problems.append("opened the secret: " + line.strip())
    elif not (full in allowed_exact or is_library_lookup(full) or is_own_thread_stat(full)
              or any(full.startswith(prefix) for prefix in allowed_prefixes)):
        problems.append("outside the inputs: " + line.strip())
print(f"{len(opened)} distinct paths opened; landscape exited {status}", file=sys.stderr)
for problem in problems:
    print("FAIL " + problem)
if status not in ("0", "65"):
    print(f"FAIL landscape exited {status}, expected 0 or 65")
    problems.append("status")
sys.exit(1 if problems else 0)
PY

# Links planted in the output folder: the run must refuse them (exit 73) and never open the victim.
for planted in .landscape.lock history.sqlite-journal; do
    victim=$work/victim-$planted.txt
    printf 'precious\n' > "$victim"
    planted_output=$work/planted-$planted
    mkdir -p "$planted_output"
    ln -s "$victim" "$planted_output/$planted"
    sed "s|directory: $output|directory: $planted_output|" "$config" > "$work/planted.yaml"
    planted_trace=$work/planted-$planted.log
    set +e
    (cd "$work" && timeout 300 strace -f -qq -s 4096 -o "$planted_trace" -e trace=open,openat,openat2,creat \
        "$binary" run --config "$work/planted.yaml" --quiet 2>/dev/null)
    planted_status=$?
    set -e
    python3 - "$planted_trace" "$victim" "$planted_output/$planted" "$planted_status" <<'PY'
import os, re, sys
trace, victim, link, status = sys.argv[1:]
problems = []
for line in open(trace, errors="replace"):
    m = re.search(r'"((?:[^"\\]|\\.)*)"', line)
    if not m or "= -1" in line and "ELOOP" in line:
        continue
    path = m.group(1)
    if os.path.realpath(path) == os.path.realpath(victim) and path in (victim, link):
        if "= -1" not in line:
            problems.append("opened the victim through the planted link: " + line.strip())
if open(victim).read() != "precious\n":
    problems.append("the victim was changed")
if status != "73":
    problems.append(f"landscape exited {status}, expected 73 (refusing the planted link)")
for problem in problems:
    print("FAIL " + problem)
print(f"planted {os.path.basename(link)}: landscape exited {status}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
done
echo "isolation check passed: no socket, nothing opened outside the inputs, outputs, config and system files; planted links refused" >&2
