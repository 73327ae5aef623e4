// Command sitroom turns scattered reports from a conflict zone into one
// sourced, de-duplicated, verified picture, and gets it back out.
//
// This package is the only place where adapters are wired together: each
// subcommand lives in its own file (cmd_*.go) and registers itself.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(Main(ctx, os.Args[1:], Stdio{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Getenv: os.Getenv}))
}

// Stdio is what a command reads and writes: injected so that tests can run
// Main in-process.
type Stdio struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	Getenv func(string) string
}

// command is one subcommand.
type command struct {
	name    string
	summary string // one line for the command list
	usage   string // argument synopsis, e.g. "[FILE|-]"
	help    string // longer description for --help
	// flags declares the command's flags on fs; it returns the function that
	// runs the command once flags are parsed.
	flags func(fs *flag.FlagSet) func(ctx context.Context, io Stdio, args []string) error
}

var commands = map[string]command{}

// register adds a subcommand; each cmd_*.go file calls it from init.
func register(c command) {
	if _, dup := commands[c.name]; dup {
		panic("duplicate command " + c.name)
	}
	commands[c.name] = c
}

// exitUsage is returned by commands for a usage error (exit status 2).
var errUsage = errors.New("usage")

// Main runs sitroom with the given arguments and returns the exit status.
func Main(ctx context.Context, args []string, stdio Stdio) int {
	if stdio.Getenv == nil {
		stdio.Getenv = func(string) string { return "" }
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				fs := newFlagSet(c, stdio)
				c.flags(fs)
				fs.SetOutput(stdio.Out)
				fs.Usage()
				return 0
			}
		}
		printCommands(stdio.Out)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if args[0] == "--version" || args[0] == "-version" {
		args = []string{"version"}
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stdio.Err, "sitroom: unknown command %q\n\n", args[0])
		printCommands(stdio.Err)
		return 2
	}
	fs := newFlagSet(c, stdio)
	run := c.flags(fs)
	rest, err := parseInterspersed(fs, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if err := applyEnv(fs, stdio.Getenv); err != nil {
		fmt.Fprintf(stdio.Err, "sitroom %s: %v\n", c.name, err)
		return 2
	}
	if err := run(ctx, stdio, rest); err != nil {
		if errors.Is(err, errUsage) {
			fs.Usage()
			return 2
		}
		fmt.Fprintf(stdio.Err, "sitroom %s: %v\n", c.name, err)
		return 1
	}
	return 0
}

// parseInterspersed parses flags wherever they stand among the arguments
// ("token create --role admin" as well as "token --role admin create");
// "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

func newFlagSet(c command, stdio Stdio) *flag.FlagSet {
	fs := flag.NewFlagSet("sitroom "+c.name, flag.ContinueOnError)
	fs.SetOutput(stdio.Err)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: sitroom %s [flags] %s\n\n", c.name, c.usage)
		if c.help != "" {
			fmt.Fprintf(w, "%s\n\n", strings.TrimSpace(c.help))
		} else {
			fmt.Fprintf(w, "%s\n\n", c.summary)
		}
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(w, "Flags (each also read from the environment variable shown):")
			fs.VisitAll(func(f *flag.Flag) {
				def := ""
				if f.DefValue != "" && f.DefValue != "false" {
					def = fmt.Sprintf(" (default %q)", f.DefValue)
				}
				fmt.Fprintf(w, "  --%s  [%s]\n      %s%s\n", f.Name, envName(f.Name), f.Usage, def)
			})
		}
	}
	return fs
}

// envName is the environment variable that sets a flag: --tile-url is
// SITROOM_TILE_URL.
func envName(flagName string) string {
	return "SITROOM_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// applyEnv sets every flag not given on the command line from its
// SITROOM_* environment variable, so that flags win over the environment.
func applyEnv(fs *flag.FlagSet, getenv func(string) string) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if set[f.Name] || err != nil {
			return
		}
		if v := getenv(envName(f.Name)); v != "" {
			if e := fs.Set(f.Name, v); e != nil {
				err = fmt.Errorf("%s=%q: %v", envName(f.Name), v, e)
			}
		}
	})
	return err
}

func printCommands(w io.Writer) {
	fmt.Fprintln(w, "sitroom — a sourced, de-duplicated, verified picture of a conflict from scattered reports.")
	fmt.Fprintln(w, "\nUsage: sitroom COMMAND [flags] [args]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'sitroom help COMMAND' or 'sitroom COMMAND --help' for a command's flags.")
}
