# bash completion for phasedoc(1) — installed as
# $(DATAROOTDIR)/bash-completion/completions/phasedoc by `make install`.
# Kinds are fixed; languages come from the installed catalogues (stylesheets/l10n/*.xml, so a
# new language appears once it is installed) and brand packs from `phasedoc brand --list`.

_phasedoc_data=@PKG_DATA@

_phasedoc_langs()
{
    local d=${PHASEDOC_DATA:-$_phasedoc_data} f
    for f in "$d"/stylesheets/l10n/*.xml; do
        [[ -e $f ]] || continue
        f=${f##*/}
        printf '%s\n' "${f%.xml}"
    done
}

_phasedoc_brands()
{
    "${1:-phasedoc}" brand --list 2>/dev/null | cut -f1
}

_phasedoc()
{
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion || return
    else
        cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
        words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
    fi
    local commands="render layout validate batch brand new serve sign watch help"
    local kinds="offer concept implementation approval all"
    local common="-k --kind -l --lang -b --brand -s --set -x --stylesheet --max-pages --strict -h --help"

    if (( cword == 1 )); then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi
    case $prev in
        -k|--kind) COMPREPLY=($(compgen -W "$kinds" -- "$cur")); return ;;
        -l|--lang) COMPREPLY=($(compgen -W "$(_phasedoc_langs)" -- "$cur")); return ;;
        -b|--brand)
            COMPREPLY=($(compgen -W "$(_phasedoc_brands "${words[0]}")" -- "$cur")
                       $(compgen -d -- "$cur"))
            return ;;
        -f) COMPREPLY=($(compgen -W "pdf png svg" -- "$cur")); return ;;
        -x|--stylesheet) COMPREPLY=($(compgen -f -X '!*.xsl' -- "$cur") $(compgen -d -- "$cur")); return ;;
        -o|--output|--report|--manifest|--token-file|--password-file)
            COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --key|--cert|--chain)
            COMPREPLY=($(compgen -f -X '!*.pem' -- "$cur") $(compgen -d -- "$cur")); return ;;
        -d|--dir|--brand-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --field) COMPREPLY=($(compgen -W "customer provider partner" -- "$cur")); return ;;
        -s|--set|-r|-j|--jobs|--max-pages|--name|--shard|--timeout|--max-rss|--listen|--queue|\
        --max-body|--max-connections|--client-timeout|--drain|--reason|--location|--contact) return ;;
    esac
    local opts
    case ${words[1]} in
        render) opts="$common -o --output -d --dir -f -r -j --jobs --embed-source" ;;
        layout) opts="$common --boxes" ;;
        validate|new) opts="-h --help" ;;
        brand) opts="-b --brand -s --set --path --list -h --help" ;;
        batch) opts="$common -j --jobs -d --dir --name --shard --timeout --max-rss
                     --skip-existing --report --manifest" ;;
        watch) opts="$common -o --output --png -r" ;;
        serve) opts="--listen -j --jobs --timeout --max-rss --queue --max-body --max-connections
                     --client-timeout --drain --token-file --brand-dir -b --brand -h --help" ;;
        sign) opts="-o --output --field --key --cert --chain --password-file --reason --location
                    --contact --certify --list -h --help" ;;
        *) opts="-h --help" ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    elif [[ ${words[1]} == sign ]]; then
        COMPREPLY=($(compgen -f -X '!*.pdf' -- "$cur") $(compgen -d -- "$cur"))
    else
        COMPREPLY=($(compgen -f -X '!*.xml' -- "$cur") $(compgen -d -- "$cur"))
    fi
}
complete -F _phasedoc phasedoc
