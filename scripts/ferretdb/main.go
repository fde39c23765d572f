// Command ferretdb runs FerretDB v1.24.2 in-process for development, CI and the demo.
//
// `go install .../cmd/ferretdb@v1.24.2` panics at start (a generated version file is
// missing from the module), so we embed the library instead; see docs/database.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on (loopback only)")
	sqliteDir := flag.String("sqlite-dir", "", "directory for the SQLite backend (created if missing)")
	pgURL := flag.String("postgresql-url", "", "PostgreSQL URL; selects the PostgreSQL backend")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	level := slog.LevelWarn
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail("bad -log-level: %v", err)
	}
	// FerretDB logs every connection at INFO; the default keeps test output readable.
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	cfg := ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Logger:   logger,
	}
	switch {
	case *pgURL != "":
		cfg.Handler = "postgresql"
		cfg.PostgreSQLURL = *pgURL
	case *sqliteDir != "":
		if err := os.MkdirAll(*sqliteDir, 0o755); err != nil {
			fail("cannot create %s: %v", *sqliteDir, err)
		}
		cfg.Handler = "sqlite"
		cfg.SQLiteURL = "file:" + ensureSlash(*sqliteDir)
	default:
		fail("give -sqlite-dir or -postgresql-url")
	}

	f, err := ferretdb.New(&cfg)
	if err != nil {
		fail("cannot configure FerretDB: %v", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(os.Stderr, "ferretdb listening on %s (%s)\n", *listen, cfg.Handler)
	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		fail("FerretDB stopped: %v", err)
	}
}

func ensureSlash(dir string) string {
	if len(dir) > 0 && dir[len(dir)-1] == '/' {
		return dir
	}
	return dir + "/"
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "ferretdb: "+format+"\n", args...)
	os.Exit(1)
}
