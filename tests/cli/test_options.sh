#!/usr/bin/env bash
# The command line (src/cli/cli_options.c): `budgetx CMD --help` for every
# command lists its options; the man page's SYNOPSIS is the one the option
# tables make (`budgetx --synopsis`); "--", -oDIR, -j4, --opt=value,
# datasets between options, abbreviations, an ambiguous one refused, a
# misspelt option and command with the nearest one, an option of another
# command refused; -q and -v.
#   test_options.sh BUDGETX SAMPLE_DIR MAN_PAGE
set -uo pipefail
budgetx=$(realpath "$1") sample=$(realpath "$2") man=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# run EXPECTED_STATUS CMD... — stdout and stderr in $work/out, $work/err
run() {
  local want=$1; shift
  "$@" > "$work/out" 2> "$work/err"
  local got=$?
  [ "$got" -eq "$want" ] || fail "'$*' exited $got, expected $want; stderr: $(head -5 "$work/err")"
}
expect_out() { grep -qF -- "$1" "$work/out" || fail "stdout lacks '$1': $(head -5 "$work/out")"; }
expect_err() { grep -qF -- "$1" "$work/err" || fail "stderr lacks '$1': $(head -5 "$work/err")"; }
expect_no_err() { grep -qF -- "$1" "$work/err" && fail "stderr has '$1': $(grep -F -- "$1" "$work/err" | head -3)"; }
expect_file() { [ -f "$1" ] || fail "not written: $1 (in $(dirname "$1"): $(ls "$(dirname "$1")" 2>&1))"; }

# ---- budgetx CMD --help: status 0, every option in the list and the synopsis
declare -A options=(
  [render]="-o --output --format --layouts --font --bold-font --force --encoding --list -j --jobs --diff"
  [import]="-o --output --diff --layouts --force"
  [template]="--set -o --output --unit --year --like --rows --layouts --force"
  [check]="--format --layouts --encoding"
)
for cmd in render import template check; do
  run 0 "$budgetx" "$cmd" --help
  grep -q "^  budgetx $cmd" "$work/out" || fail "$cmd --help: no synopsis"
  for opt in ${options[$cmd]} -q --quiet -v --verbose -h --help; do
    grep -qE -- "^  (-[a-z], )? *$opt( |,|$)|^      $opt( |$)|^  -[a-z], $opt( |$)" "$work/out" ||
      fail "$cmd --help does not list $opt"
  done
  # the synopsis (up to the blank line) names every option
  synopsis=$(sed -n '2,/^$/p' "$work/out")
  for opt in ${options[$cmd]}; do
    case "$opt" in --output | --jobs) continue ;; esac # shown as -o, -j
    grep -qF -- "$opt" <<< "$synopsis" || fail "$cmd --help: $opt not in the synopsis"
  done
  run 0 "$budgetx" "$cmd" -h
done
run 0 "$budgetx" --help
for cmd in render import template check; do expect_out "  budgetx $cmd "; done
expect_out "  budgetx --help | --version"

# ---- template --help and the man page name every layout set of layouts/
layouts=$(dirname "$man")/../layouts
run 0 "$budgetx" template --help
sed -n "/布局模板（--set）/,/以及/p" "$work/out" > "$work/sets-help"
sed -n '/^\.SS Layout sets/,/^\.S[HS] /p' "$man" | sed 's/\\-/-/g' > "$work/sets-man"
[ -s "$work/sets-help" ] || fail "template --help: no list of layout sets"
[ -s "$work/sets-man" ] || fail "$man: no section “Layout sets”"
for f in "$layouts"/*/set.yaml; do
  name=$(basename "$(dirname "$f")")
  grep -qE "(^|[^a-z0-9-])$name([^a-z0-9-]|$)" "$work/sets-help" || fail "template --help does not list the set $name"
  grep -qE "(^|[^a-z0-9-])$name([^a-z0-9-]|$)" "$work/sets-man" || fail "$man does not list the set $name"
done
listed=$(grep -oE '[a-z][a-z0-9]*(-[a-z0-9]+)*' "$work/sets-help" | grep -vxE 'set|like|layouts' | sort -u)
for name in $listed; do
  [ -f "$layouts/$name/set.yaml" ] || fail "template --help lists $name, which layouts/ does not have"
done

# ---- the README's usage block gives each command the options its help does
readme=$(dirname "$man")/../README.md
sed -n '/^## Use$/,/^```$/{/^```/d;p}' "$readme" | sed -n '/^budgetx /,$p' > "$work/readme-use"
for cmd in render import template check; do
  run 0 "$budgetx" "$cmd" --help
  sed -n '2,/^$/p' "$work/out" | grep -oE -- '(^|[ [(|])--?[a-z][a-z-]*' | tr -d ' [(|' |
    grep -vxE -- '-q|-v|-h' | sort -u > "$work/help-opts"
  awk -v c="budgetx $cmd " 'index($0, c) == 1 {on = 1; print; next} /^budgetx / {on = 0} on' \
    "$work/readme-use" | sed 's/#.*//' | grep -oE -- '(^|[ [(|])--?[a-z][a-z-]*' | tr -d ' [(|' |
    sort -u > "$work/readme-opts"
  diff "$work/help-opts" "$work/readme-opts" > "$work/opts.diff" ||
    fail "README's usage of $cmd differs from its --help (< help, > README): $(tr '\n' ' ' < "$work/opts.diff")"
done

# ---- the man page's OPTIONS describe every option of its SYNOPSIS
sed -n '/^\.SH OPTIONS$/,/^\.SH /p' "$man" | sed 's/\\-/-/g' > "$work/man-options"
for opt in $(sed -n '/^\.SH SYNOPSIS$/,/^\.SH /p' "$man" | sed 's/\\-/-/g' |
  grep -oE -- '^\.(OP|B) --?[a-z][a-z-]*' | sed 's/^\.[A-Z]* //' | sort -u); do
  grep -qE -- "^\.(B|BR|TP) .*$opt(\"|\$| )" "$work/man-options" ||
    fail "$man: the OPTIONS section does not describe $opt"
done

# ---- the man page's SYNOPSIS is the generated one
run 0 "$budgetx" --synopsis
sed -n '/^\.SH SYNOPSIS$/,/^\.SH /p' "$man" | sed '1d;$d' > "$work/man-synopsis"
if ! diff -u "$work/man-synopsis" "$work/out" > "$work/synopsis.diff"; then
  fail "the SYNOPSIS of $man is not what the option tables give: put the output of \`budgetx --synopsis\` there"
  cat "$work/synopsis.diff" >&2
fi

# ---- forms of options and operands
cd "$work" || exit 1
cp -r "$sample" "$work/a"
cp -r "$sample" "$work/-dash"

run 0 "$budgetx" render a -o"$work/o1" --format xlsx -q      # -oDIR
expect_file "$work/o1/a.xlsx"
run 0 "$budgetx" render a --output="$work/o2" --format=pdf -q # --opt=value
expect_file "$work/o2/a.pdf"
run 0 "$budgetx" render a --out "$work/o3" --form pdf -q # abbreviations
expect_file "$work/o3/a.pdf"
[ -e "$work/o3/a.xlsx" ] && fail "--form pdf wrote an .xlsx"
run 0 "$budgetx" render -o "$work/o4" --format xlsx -q -- -dash # "--"
expect_file "$work/o4/-dash.xlsx"
run 2 "$budgetx" render -o "$work/o5" --format xlsx -dash # without it, an option
expect_err "未知选项 -d（在“-dash”中）"
# datasets before, between and after the options; -j4
run 0 "$budgetx" render a -o "$work/o7" "$work/-dash" -j4 --format xlsx -q
expect_file "$work/o7/a/a.xlsx"
expect_file "$work/o7/-dash/-dash.xlsx"
run 0 "$budgetx" render a --jobs=2 -o "$work/o8" "$work/-dash" --format xlsx -q
expect_file "$work/o8/-dash/-dash.xlsx"
# POSIXLY_CORRECT does not stop at the first dataset
run 0 env POSIXLY_CORRECT=1 "$budgetx" render a -o "$work/o9" --format xlsx -q
expect_file "$work/o9/a.xlsx"

# ---- refusals: status 2, the message, nothing written
run 2 "$budgetx" render a -o "$work/r1" --f pdf
expect_err "选项 --f 有歧义，可以是 --format、--font 或 --force"
run 2 "$budgetx" render a -o "$work/r1" --fromat pdf
expect_err "未知选项 --fromat，是否想用 --format？"
expect_err "请运行 budgetx render --help 查看用法。"
run 2 "$budgetx" render a -o "$work/r1" --lsit x
expect_err "未知选项 --lsit，是否想用 --list？"
run 2 "$budgetx" render a -o "$work/r1" --frobnicate
expect_err "未知选项 --frobnicate"
expect_no_err "是否想用"
run 2 "$budgetx" rendr a -o "$work/r1"
expect_err "未知命令 rendr，是否想用 render？"
expect_err "请运行 budgetx --help 查看用法。"
run 2 "$budgetx" chekc a
expect_err "未知命令 chekc，是否想用 check？"
run 2 "$budgetx" render a -o "$work/r1" --set shenzhen-2024
expect_err "--set、--unit、--year 只用于读入不是 budgetx 生成的工作簿"
run 2 "$budgetx" render a -o "$work/r1" --rows 3
expect_err "render 不接受选项 --rows"
run 2 "$budgetx" check a -j 2
expect_err "check 不接受选项 -j"
run 2 "$budgetx" check a --force
expect_err "check 不接受选项 --force"
run 2 "$budgetx" import book.xlsx -o "$work/r1" --format pdf
expect_err "import 不接受选项 --format"
run 2 "$budgetx" template --set shenzhen-2024 --unit x --year 2024 -o "$work/r1.xlsx" --jobs 2
expect_err "template 不接受选项 --jobs"
run 2 "$budgetx" render a -o "$work/r1" --force=yes
expect_err "选项 --force 不带值"
run 2 "$budgetx" render a -o
expect_err "-o 后面应有输出目录"
run 2 "$budgetx" render a -o "$work/r1" -j
expect_err "-j 后面应有 1 到 64 之间的线程数"
run 2 "$budgetx" render a -o "$work/r1" --jobs=many
expect_err "--jobs 后面应有 1 到 64 之间的线程数"
run 2 "$budgetx" render a -o "$work/r1" -q -v
expect_err "-q 和 -v 不能同时使用"
run 2 "$budgetx" -o "$work/r1" render a
expect_err "选项 -o 要写在命令"
[ -e "$work/r1" ] || [ -e "$work/r1.xlsx" ] && fail "a refused command line wrote something"

# ---- -q: errors only
cp -r "$sample" "$work/bad"
sed -i '14s/,8347.26,/,8347.36,/' "$work/bad/03_支出总表.csv"
run 0 "$budgetx" render a -o "$work/q1" -q
[ -s "$work/err" ] && fail "render -q printed: $(head -3 "$work/err")"
expect_file "$work/q1/a.pdf"
run 0 "$budgetx" check a -q
[ -s "$work/out" ] || [ -s "$work/err" ] && fail "check -q printed: $(head -3 "$work/out" "$work/err")"
run 1 "$budgetx" check bad -q
expect_out "错误：表3 支出总表，2101501 行政运行"
grep -q "提示（尾数差异）" "$work/out" && fail "check -q printed notices"
[ "$(wc -l < "$work/out")" -eq "$(grep -c 错误 "$work/out")" ] || fail "check -q: more than the errors"
run 1 "$budgetx" render bad -o "$work/q2" -q
expect_err "错误：表3 支出总表，2101501 行政运行"
expect_err "一致性检查发现 3 个错误"
expect_no_err "提示（尾数差异）"
run 0 "$budgetx" render a "$work/-dash" -o "$work/q3" --format xlsx -q
[ -s "$work/err" ] && fail "a batch with -q printed: $(head -3 "$work/err")"
run 0 "$budgetx" import "$work/q1/a.xlsx" -o "$work/q4" -q
[ -s "$work/err" ] && fail "import -q printed: $(head -3 "$work/err")"
expect_file "$work/q4/dataset.yaml"
run 0 "$budgetx" template --set shenzhen-2024 --unit x --year 2025 -o "$work/q5.xlsx" -q
[ -s "$work/err" ] && fail "template -q printed: $(head -3 "$work/err")"
expect_file "$work/q5.xlsx"

# ---- -v: the layout set and every file written
run 0 "$budgetx" render a -o "$work/v1" -v
expect_err "budgetx: a：布局模板 "
expect_err "/shenzhen-2024"
expect_err "budgetx: 已写入 $work/v1/a.xlsx（12 张表）、$work/v1/a.pdf（"
expect_err "提示（尾数差异）" # -v lists the notices
run 0 "$budgetx" render a "$work/-dash" -o "$work/v2" --format pdf -v
expect_err "budgetx: 已写入 $work/v2/a/a.pdf"
expect_err "budgetx: 已写入 $work/v2/-dash/-dash.pdf"
run 0 "$budgetx" check a --format json -v
expect_err "budgetx: a：布局模板 "
run 0 "$budgetx" template --set shenzhen-2024 --unit x --year 2025 -o "$work/v3.xlsx" -v
expect_err "budgetx: shenzhen-2024：布局模板 "
expect_err "已写入空白工作簿 $work/v3.xlsx"
run 0 "$budgetx" import "$work/q1/a.xlsx" -o "$work/v4" -v
expect_err "布局模板 "
expect_err "已写入数据集 $work/v4"

# ---- the progress line: on a terminal (script(1) gives one), for a render
# that runs over a second; never when standard error is not a terminal, nor
# with -q
python3 "$(dirname "$sample")/../bench/gen_dataset.py" --out "$work/big" --rows 60000 > /dev/null
start=$(date +%s%N)
script -qec "'$budgetx' render '$work/big' -o '$work/p1'" /dev/null > "$work/pty" 2>&1 ||
  fail "render on a terminal: $(tail -c 300 "$work/pty")"
took=$((($(date +%s%N) - start) / 1000000))
grep -q "已写入 $work/p1/big.xlsx（12 张表）" "$work/pty" || fail "render on a terminal: no 已写入 line"
if [ "$took" -gt 1500 ]; then # long enough that the line must have been shown
  grep -qE "正在写入：[0-9]+%（12 张表，共 60[0-9]{3} 行）" "$work/pty" ||
    fail "a render of $took ms on a terminal showed no progress line: $(tr '\r' '\n' < "$work/pty" | head -3)"
fi
script -qec "'$budgetx' render '$work/big' -o '$work/p2' -q" /dev/null > "$work/pty" 2>&1 || true
grep -q "正在写入" "$work/pty" && fail "render -q on a terminal showed a progress line"
run 0 "$budgetx" render "$work/big" -o "$work/p3"
grep -q "正在写入" "$work/err" && fail "a progress line written where standard error is not a terminal"

if [ "$failures" -ne 0 ]; then
  echo "$failures command-line check(s) failed" >&2
  exit 1
fi
echo "command line: help, man page synopsis, option forms, refusals, -q, -v and the progress line hold"
