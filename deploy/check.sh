#!/usr/bin/env bash
# Offline checks of deploy/compose, deploy/k8s and the shared server files. Needs bash, python3 with
# PyYAML (Debian: python3-yaml) and coreutils; uses kubectl (for `kubectl kustomize`) when installed.
# It does not start Docker or Kubernetes, and CI does not run it (see deploy/README.md).
#
#   1. every YAML file parses, and deploy/rabbitmq/definitions.json is valid JSON;
#   2. the kustomization renders (with and without the web component), when kubectl is installed;
#   3. every BacklogFlow__* variable in compose.yaml and deploy/k8s names a setting of an options
#      class in src/ (a `Section` constant plus its properties); names not there yet are listed;
#   4. render-definitions.sh writes valid JSON whose permissions are exactly the ones
#      deploy/local/provision.sh computes (legacy strict and not), whose password hashes verify,
#      and which keeps the topology of definitions.json unchanged.
# Exits non-zero on the first failed check.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { printf 'check: FAIL: %s\n' "$*" >&2; exit 1; }
ok()   { printf 'check: ok: %s\n' "$*"; }

python3 -c 'import yaml' 2>/dev/null || fail "python3 with PyYAML is needed (Debian: apt-get install python3-yaml)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. Parse ---------------------------------------------------------------------------------------
mapfile -t yaml_files < <(find deploy/compose deploy/k8s deploy/rabbitmq deploy/postgres -name '*.yaml' | sort)
python3 - "${yaml_files[@]}" <<'PY' || fail "YAML parse"
import sys, yaml
for f in sys.argv[1:]:
    docs = [d for d in yaml.safe_load_all(open(f)) if d is not None]
    print(f"  {f}: {len(docs)} document(s)")
PY
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' deploy/rabbitmq/definitions.json || fail "definitions.json is not JSON"
ok "${#yaml_files[@]} YAML files parse; deploy/rabbitmq/definitions.json is JSON"

# Every file compose.yaml mounts or builds from exists (paths are relative to deploy/compose).
python3 - deploy/compose/compose.yaml <<'PY' || fail "compose.yaml paths"
import os, sys, yaml
base = os.path.dirname(sys.argv[1])
compose = yaml.safe_load(open(sys.argv[1]))
for name, svc in compose["services"].items():
    for v in svc.get("volumes", []):
        src = v.split(":")[0]
        if src.startswith("."):
            path = os.path.normpath(os.path.join(base, src))
            assert os.path.isfile(path), f"{name}: {path} does not exist"
            print(f"  {name}: mounts {path}")
    build = svc.get("build")
    if build:
        context = os.path.normpath(os.path.join(base, build["context"]))
        dockerfile = os.path.join(context, build["dockerfile"])
        assert os.path.isfile(dockerfile), f"{name}: {dockerfile} does not exist"
        assert os.path.isfile(os.path.join(context, "global.json")), f"{name}: context {context} is not the repository root"
PY
ok "every file compose.yaml mounts exists; its build context is the repository root"

# 2. Render ---------------------------------------------------------------------------------------
if command -v kubectl >/dev/null 2>&1; then
  kubectl kustomize deploy/k8s > "$work/k8s.yaml" || fail "kubectl kustomize deploy/k8s"
  cp -r deploy "$work/deploy"
  sed -i 's/^# components:/components:/; s/^#   - web/  - web/' "$work/deploy/k8s/kustomization.yaml"
  kubectl kustomize "$work/deploy/k8s" > "$work/k8s-web.yaml" || fail "kubectl kustomize with the web component"
  python3 - "$work/k8s.yaml" "$work/k8s-web.yaml" <<'PY' || fail "rendered manifests"
import sys, yaml
for f in sys.argv[1:]:
    docs = [d for d in yaml.safe_load_all(open(f)) if d]
    print("  " + ("with web: " if "web" in f else "default:  ") + ", ".join(f"{d['kind']}/{d['metadata']['name']}" for d in docs))
    for d in docs:
        if d["kind"] != "Namespace" and d["metadata"].get("namespace") != "backlogflow":
            sys.exit(f"{d['kind']}/{d['metadata']['name']} is not in namespace backlogflow")
PY
  ok "deploy/k8s renders with kubectl kustomize (default, and with components: [web])"
else
  printf 'check: skipped: kubectl not installed, deploy/k8s not rendered\n'
fi

# 3. Environment variable names -------------------------------------------------------------------
python3 - deploy/compose/compose.yaml deploy/compose/Dockerfile deploy/k8s/*.yaml deploy/k8s/web/*.yaml <<'PY' || fail "environment variable names"
import glob, re, sys
# Options classes: name -> {property: type}; sections: class -> "BacklogFlow:Area".
classes, sections = {}, {}
for path in glob.glob("src/**/*Options.cs", recursive=True):
    text = open(path, encoding="utf-8").read()
    for m in re.finditer(r"\bclass\s+(\w+)[^{]*\{", text):
        name, body = m.group(1), text[m.end():]
        depth, end = 1, 0
        for i, ch in enumerate(body):
            depth += ch == "{"
            depth -= ch == "}"
            if depth == 0:
                end = i
                break
        body = body[:end]
        classes[name] = dict((p, t) for t, p in re.findall(r"public\s+([\w<>?,\s]+?)\s+(\w+)\s*\{\s*get;", body))
        s = re.search(r'const\s+string\s+Section\s*=\s*"([^"]+)"', body)
        if s:
            sections[name] = s.group(1)
valid = {}
def walk(prefix, cls):
    for prop, typ in classes[cls].items():
        key = f"{prefix}:{prop}"
        typ = typ.rstrip("?")
        if typ in classes:
            walk(key, typ)
        else:
            valid[key.lower()] = key
for cls, section in sections.items():
    walk(section, cls)
used = set()
for f in sys.argv[1:]:
    for name in re.findall(r"\b(BacklogFlow__\w+)", open(f).read()):
        used.add((name, f))
missing = sorted({n for n, f in used if n.replace("__", ":").lower() not in valid})
for name in sorted({n for n, _ in used}):
    print(f"  {name}: {'setting ' + valid[name.replace('__', ':').lower()] if name not in missing else 'NOT IN src/ YET'}")
expected_pending = {"BacklogFlow__Observability__Urls"}   # the worker's HTTP endpoint, being built
unexpected = [n for n in missing if n not in expected_pending]
if unexpected:
    sys.exit(f"unknown settings: {unexpected}")
PY
ok "every BacklogFlow__* name is a setting in src/ (BacklogFlow__Observability__Urls excepted while the endpoint is being built)"

# 4. Users, permissions, topology -----------------------------------------------------------------
expected_permissions() {   # the legacy regexes exactly as provision.sh computes them
  ( BACKLOGFLOW_LEGACY_STRICT=$1
    eval "$(sed -n '/^X_SUBMITTED=/,/^legacy_read=/p' deploy/local/provision.sh)"
    printf '%s\n%s\n%s\n' "$legacy_configure" "$legacy_write" "$legacy_read" )
}
for strict in 0 1; do
  expected_permissions "$strict" > "$work/expected-$strict"
  [ "$(wc -l < "$work/expected-$strict")" -eq 3 ] || fail "could not read the permissions from provision.sh"
  BACKLOGFLOW_ENGINE_PASSWORD=check-engine-pw BACKLOGFLOW_LEGACY_PASSWORD=check-legacy-pw \
    BACKLOGFLOW_ADMIN_PASSWORD=check-admin-pw BACKLOGFLOW_LEGACY_STRICT=$strict \
    bash deploy/rabbitmq/render-definitions.sh deploy/rabbitmq/definitions.json "$work/defs-$strict.json" > /dev/null
  python3 - "$work/defs-$strict.json" "$work/expected-$strict" deploy/rabbitmq/definitions.json <<'PY' \
    || fail "render-definitions.sh (BACKLOGFLOW_LEGACY_STRICT=$strict)"
import base64, hashlib, json, sys
defs = json.load(open(sys.argv[1]))
configure, write, read = open(sys.argv[2]).read().splitlines()
perms = {p["user"]: p for p in defs["permissions"]}
def same(user, c, w, r):
    p = perms[user]
    assert p["vhost"] == "backlogflow", p
    assert (p["configure"], p["write"], p["read"]) == (c, w, r), f"{user}: {p} != {(c, w, r)}"
same("backlogflow-engine", ".*", ".*", ".*")
same("backlogflow-legacy", configure, write, read)
same("backlogflow-admin", ".*", ".*", ".*")
passwords = {"backlogflow-engine": "check-engine-pw", "backlogflow-legacy": "check-legacy-pw", "backlogflow-admin": "check-admin-pw"}
for u in defs["users"]:
    raw = base64.b64decode(u["password_hash"])
    assert hashlib.sha256(raw[:4] + passwords[u["name"]].encode()).digest() == raw[4:], u["name"]
    assert u["hashing_algorithm"] == "rabbit_password_hashing_sha256"
assert {u["name"]: u["tags"] for u in defs["users"]} == {"backlogflow-engine": "", "backlogflow-legacy": "", "backlogflow-admin": "administrator"}
topology = json.load(open(sys.argv[3]))
assert {k: v for k, v in defs.items() if k not in ("users", "permissions")} == topology, "topology changed"
print(f"  legacy configure={configure}\n         write={write}\n         read={read}")
PY
done
ok "render-definitions.sh: permissions equal provision.sh's (strict 0 and 1), hashes verify, topology unchanged"
printf 'check: all checks passed\n'
