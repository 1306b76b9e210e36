#include "CliOutput.h"
#include "Commands.h"

#include <QDir>
#include <QMap>

// Completion scripts made from the command registry, so they never name a
// command or an option the CLI does not have. Each completes the command's
// words, then its options (with their descriptions where the shell shows
// them), the output formats, and file names where a command or an option
// takes a file.
namespace hearth::cli {

namespace {

struct Entry
{
    QString word;
    QString summary;
};

struct Completion
{
    // The words typed so far (options left out) → what may come next.
    QMap<QString, QList<Entry>> next;
    // A whole command → its options, as --long and -s names.
    QMap<QString, QList<Entry>> options;
    // Whole commands whose argument is a file.
    QStringList takeFiles;
    QStringList optionsWithValue; // every name, dashed
    QStringList optionsWithFile;
    QStringList optionsWithFreeValue; // neither a file nor --output's formats
};

struct Shell
{
    QString name;
    QString (*script)(const Completion &);
};
const QList<Shell> &shells();

Completion completionOf(const QList<std::shared_ptr<const Command>> &commands)
{
    Completion completion;
    QList<QCommandLineOption> every = cliOptions().global();
    const auto addOptions = [&completion](const QString &whole,
                                          const QList<QCommandLineOption> &options) {
        for (const QCommandLineOption &option : options) {
            // The script is made once (when the package is built) for every
            // user: a default under the maker's home is said from "~".
            const QString description =
                QString(option.description()).replace(QDir::homePath(), QStringLiteral("~"));
            for (const QString &name : option.names()) {
                completion.options[whole].append(
                    { (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name,
                      description });
            }
        }
    };
    addOptions(QString(), every); // before the command's words
    for (const auto &command : commands) {
        const QStringList &words = command->words();
        for (qsizetype i = 0; i < words.size(); ++i) {
            const QString typed = words.mid(0, i).join(u' ');
            QList<Entry> &next = completion.next[typed];
            const bool last = i == words.size() - 1;
            const auto known = std::find_if(next.begin(), next.end(),
                                            [&](const Entry &e) { return e.word == words.at(i); });
            if (known == next.end())
                next.append({ words.at(i), last ? command->summary() : words.at(i) });
        }
        const QString whole = words.join(u' ');
        addOptions(whole, cliOptions().global() + command->options());
        every += command->options();
        if (command->arguments() == u"FILE")
            completion.takeFiles.append(whole);
    }
    for (const QCommandLineOption &option : std::as_const(every)) {
        if (option.valueName().isEmpty())
            continue;
        for (const QString &name : option.names()) {
            const QString dashed =
                (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
            if (completion.optionsWithValue.contains(dashed))
                continue;
            completion.optionsWithValue.append(dashed);
            if (option.valueName() == u"file" || option.valueName() == u"path")
                completion.optionsWithFile.append(dashed);
            else if (option.names() != cliOptions().output.names())
                completion.optionsWithFreeValue.append(dashed);
        }
    }
    // `completion` itself takes a shell's name.
    for (const Shell &shell : shells())
        completion.next[QStringLiteral("completion")].append({ shell.name, shell.name });
    // A group's own entry says what it holds.
    for (auto it = completion.next.begin(); it != completion.next.end(); ++it) {
        for (Entry &entry : it.value()) {
            const QString typed = it.key().isEmpty() ? entry.word : it.key() + u' ' + entry.word;
            if (completion.next.contains(typed) && entry.summary == entry.word) {
                QStringList held;
                for (const Entry &sub : completion.next.value(typed))
                    held.append(sub.word);
                entry.summary = held.join(QStringLiteral(", "));
            }
        }
    }
    return completion;
}

QStringList wordsOf(const QList<Entry> &entries)
{
    QStringList words;
    for (const Entry &entry : entries)
        words.append(entry.word);
    return words;
}

// In single quotes, for sh-like shells.
QString shQuoted(QString text)
{
    return u'\'' + text.replace(QStringLiteral("'"), QStringLiteral("'\\''")) + u'\'';
}

QString fishQuoted(QString text)
{
    text.replace(QStringLiteral("\\"), QStringLiteral("\\\\"))
        .replace(QStringLiteral("'"), QStringLiteral("\\'"));
    return u'\'' + text + u'\'';
}

// Every shell walks the typed words the same way: options and the values of
// the options that take one are left out.
QString bash(const Completion &c)
{
    QString out =
        QStringLiteral("# bash completion for hearth; made by `hearth completion bash`.\n"
                       "_hearth()\n"
                       "{\n"
                       "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
                       "    local typed=() i skip=0\n"
                       "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
                       "        if ((skip)); then skip=0; continue; fi\n"
                       "        case ${COMP_WORDS[i]} in\n");
    out += u"            " + c.optionsWithValue.join(u'|') + u") skip=1 ;;\n";
    out +=
        QStringLiteral("            -*) ;;\n"
                       "            *) typed+=(\"${COMP_WORDS[i]}\") ;;\n"
                       "        esac\n"
                       "    done\n"
                       "    case $prev in\n"
                       "        -o|--output) COMPREPLY=($(compgen -W 'table json' -- \"$cur\")); "
                       "return ;;\n");
    out += u"        " + c.optionsWithFile.join(u'|') +
        u") COMPREPLY=($(compgen -f -- \"$cur\")); compopt -o filenames 2>/dev/null; return ;;\n";
    out += u"        " + c.optionsWithFreeValue.join(u'|') + u") return ;;\n";
    out += QStringLiteral("    esac\n"
                          "    local words=\"\"\n"
                          "    case \"${typed[*]}\" in\n");
    for (auto it = c.next.cbegin(); it != c.next.cend(); ++it) {
        QString pattern = it.key().isEmpty() ? QStringLiteral("\"\"") : shQuoted(it.key());
        out += u"        " + pattern + u") words=" + shQuoted(wordsOf(it.value()).join(u' ')) +
            u" ;;\n";
    }
    out += QStringLiteral("    esac\n"
                          "    if [[ $cur == -* || -z $words ]]; then\n"
                          "        case \"${typed[*]}\" in\n");
    for (auto it = c.options.cbegin(); it != c.options.cend(); ++it) {
        out += u"            " + shQuoted(it.key()) + u") words=" +
            shQuoted(wordsOf(it.value()).join(u' ')) + u" ;;\n";
    }
    out += QStringLiteral("        esac\n"
                          "    fi\n"
                          "    if [[ $cur != -* ]]; then\n"
                          "        case \"${typed[*]}\" in\n");
    for (const QString &command : c.takeFiles) {
        out += u"            " + shQuoted(command) +
            u") COMPREPLY=($(compgen -f -- \"$cur\")); compopt -o filenames 2>/dev/null; "
            u"return ;;\n";
    }
    out += QStringLiteral("        esac\n"
                          "    fi\n"
                          "    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
                          "}\n"
                          "complete -F _hearth hearth\n");
    return out;
}

QString zsh(const Completion &c)
{
    const auto described = [](const QList<Entry> &entries) {
        QStringList quoted;
        for (const Entry &entry : entries) {
            QString word = entry.word;
            quoted.append(shQuoted(word.replace(QStringLiteral(":"), QStringLiteral("\\:")) + u':' +
                                   QString(entry.summary).replace(u'\n', u' ')));
        }
        return quoted.join(u' ');
    };
    QString out = QStringLiteral("#compdef hearth\n"
                                 "# zsh completion for hearth; made by `hearth completion zsh`.\n"
                                 "_hearth() {\n"
                                 "    local -a typed entries\n"
                                 "    local i skip=0\n"
                                 "    for ((i = 2; i < CURRENT; i++)); do\n"
                                 "        if ((skip)); then skip=0; continue; fi\n"
                                 "        case ${words[i]} in\n");
    out += u"            " + c.optionsWithValue.join(u'|') + u") skip=1 ;;\n";
    out += QStringLiteral("            -*) ;;\n"
                          "            *) typed+=(\"${words[i]}\") ;;\n"
                          "        esac\n"
                          "    done\n"
                          "    case ${words[CURRENT-1]} in\n"
                          "        -o|--output) compadd table json; return ;;\n");
    out += u"        " + c.optionsWithFile.join(u'|') + u") _files; return ;;\n";
    out += u"        " + c.optionsWithFreeValue.join(u'|') + u") _message 'a value'; return ;;\n";
    out += QStringLiteral("    esac\n"
                          "    if [[ $PREFIX != -* ]]; then\n"
                          "        case \"${typed[*]}\" in\n");
    for (auto it = c.next.cbegin(); it != c.next.cend(); ++it) {
        const QString pattern = it.key().isEmpty() ? QStringLiteral("\"\"") : shQuoted(it.key());
        out += u"            " + pattern + u") entries=(" + described(it.value()) +
            u"); _describe command entries; return ;;\n";
    }
    for (const QString &command : c.takeFiles)
        out += u"            " + shQuoted(command) + u") _files; return ;;\n";
    out += QStringLiteral("        esac\n"
                          "    fi\n"
                          "    case \"${typed[*]}\" in\n");
    for (auto it = c.options.cbegin(); it != c.options.cend(); ++it) {
        out += u"        " + shQuoted(it.key()) + u") entries=(" + described(it.value()) +
            u"); _describe option entries ;;\n";
    }
    out += QStringLiteral("    esac\n"
                          "}\n"
                          "_hearth \"$@\"\n");
    return out;
}

QString fish(const Completion &c)
{
    QString out = QStringLiteral("# fish completion for hearth; made by `hearth completion fish`.\n"
                                 "function __hearth_typed_is\n"
                                 "    set -l tokens (commandline -opc)\n"
                                 "    set -e tokens[1]\n"
                                 "    set -l typed\n"
                                 "    set -l skip 0\n"
                                 "    for token in $tokens\n"
                                 "        if test $skip = 1\n"
                                 "            set skip 0\n"
                                 "            continue\n"
                                 "        end\n"
                                 "        switch $token\n");
    out += u"            case " + c.optionsWithValue.join(u' ') + u"\n                set skip 1\n";
    out += QStringLiteral("            case '-*'\n"
                          "            case '*'\n"
                          "                set -a typed $token\n"
                          "        end\n"
                          "    end\n"
                          "    test \"$typed\" = \"$argv\"\n"
                          "end\n"
                          "complete -c hearth -f\n");
    for (auto it = c.next.cbegin(); it != c.next.cend(); ++it) {
        for (const Entry &entry : it.value()) {
            out += u"complete -c hearth -n " + fishQuoted(u"__hearth_typed_is " + it.key()) +
                u" -a " + fishQuoted(entry.word) + u" -d " + fishQuoted(entry.summary) + u'\n';
        }
    }
    for (auto it = c.options.cbegin(); it != c.options.cend(); ++it) {
        for (const Entry &entry : it.value()) {
            const bool isShort = !entry.word.startsWith(QStringLiteral("--"));
            QString line = u"complete -c hearth -n " +
                fishQuoted(u"__hearth_typed_is " + it.key()) +
                (isShort ? u" -s " + entry.word.mid(1) : u" -l " + entry.word.mid(2));
            if (entry.word == u"-o" || entry.word == u"--output")
                line += QStringLiteral(" -x -a 'table json'");
            else if (c.optionsWithFile.contains(entry.word))
                line += QStringLiteral(" -r -F");
            else if (c.optionsWithValue.contains(entry.word))
                line += QStringLiteral(" -x");
            out += line + u" -d " + fishQuoted(entry.summary) + u'\n';
        }
    }
    for (const QString &command : c.takeFiles) {
        out += u"complete -c hearth -n " + fishQuoted(u"__hearth_typed_is " + command) + u" -F\n";
    }
    return out;
}

const QList<Shell> &shells()
{
    static const QList<Shell> all { { QStringLiteral("bash"), bash },
                                    { QStringLiteral("zsh"), zsh },
                                    { QStringLiteral("fish"), fish } };
    return all;
}

} // namespace

CompletionCommand::CompletionCommand()
    : Command({ QStringLiteral("completion") }, QStringLiteral("SHELL"),
              tr("Print a completion script for bash, zsh or fish."), 1, {})
{
}

int CompletionCommand::execute(const CommandContext &context) const
{
    const QString name = context.arguments.at(0);
    for (const Shell &shell : shells()) {
        if (shell.name == name) {
            printOut(shell.script(completionOf(allCommands())).chopped(1)); // printOut ends it
            return ExitOk;
        }
    }
    printErr(tr("completion: SHELL must be bash, zsh or fish, not \"%1\"").arg(name));
    return ExitUsage;
}

} // namespace hearth::cli
