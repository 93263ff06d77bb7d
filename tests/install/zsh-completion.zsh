# zsh-completion.zsh — the zsh completion file given as $1, run with the completion system's
# functions stubbed to print what they would offer (zsh cannot complete without a terminal):
# prints the languages, the brand packs and whether the commands are offered.
_describe() { print -l -- ${(P)${@[-1]}} }
_alternative() { print -l -- $packs }
_arguments() { : }
_files() { : }
words=(phasedoc render x.xml -l '')
source <(sed '$d' $1)   # the file without its last line, which would run _phasedoc
_phasedoc_langs
_phasedoc_brands
CURRENT=2
_phasedoc | grep -q '^render:' && print commands-offered
