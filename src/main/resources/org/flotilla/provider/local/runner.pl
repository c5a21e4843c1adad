# The local hosts' command runner (see CommandRunner.java): one small process, started before the
# JVM opens its hosts' sockets, that starts every command a local host runs. A JVM holding
# thousands of sockets pays for each of them on every spawn of its own; this process holds none.
#
# Requests on stdin, each a run of NUL-terminated fields:
#   s ID ROOT NENV NAME=VALUE... NARGS ARG...   run ARG... in ROOT, with these variables added
#   k ID                                       end that command and its process group (SIGTERM)
# For each command it connects three times to the unix socket named by its argument, sending on
# each connection the command's id (8 bytes, big-endian) and the stream it carries (one byte:
# 0 stdin, 1 stdout, 2 stderr), then forks the command onto them. On stdout, a line per event:
#   x ID CODE     the command ended (killed by signal N reads 128+N, as Java's Process says)
#   f ID REASON   the command's streams could not be opened; it was not started
# When stdin ends (the JVM closed it or died) it ends every command still running, removes its
# socket's directory, then ends itself.
use strict;
use warnings;
use POSIX ();
use Socket qw(AF_UNIX SOCK_STREAM pack_sockaddr_un);

my $door_path = shift @ARGV;
my $door = pack_sockaddr_un($door_path);
my (%id_of, %pid_of);
POSIX::setsid(); # out of the terminal's process group: a Ctrl-C is the JVM's to act on
$SIG{PIPE} = 'IGNORE';
$SIG{CHLD} = \&reap;
$/ = "\0";

for (;;) {
    my $verb = field();
    if ($verb eq 's') {
        my ($id, $root, @env) = (field(), field(), fields());
        my @argv = fields();
        start($id, $root, \@env, \@argv);
    } elsif ($verb eq 'k') {
        my $pid = $pid_of{field()} or next;
        kill('-TERM', $pid) or kill('TERM', $pid); # not yet its own group leader: just forked
    }
}

sub field {
    my $f = <STDIN>;
    end_all() unless defined $f && chop($f) eq "\0";
    return $f;
}

sub fields {
    my $n = field();
    return map { field() } 1 .. $n;
}

# stdin ended: the JVM is done with its hosts, or gone (even killed: then only this cleans up
# the private directory of the socket, and this stderr's file).
sub end_all {
    kill('-TERM', $_) for keys %id_of;
    (my $dir = $door_path) =~ s{/[^/]*$}{};
    unlink($door_path, "$dir/runner.err");
    rmdir($dir);
    exit 0;
}

sub start {
    my ($id, $root, $env, $argv) = @_;
    my @io;
    for my $stream (0, 1, 2) {
        my $s;
        unless (socket($s, AF_UNIX, SOCK_STREAM, 0) && connect($s, $door)
                && (syswrite($s, pack('Q>C', $id, $stream)) // 0) == 9) {
            tell_jvm("f $id cannot open the command's streams: $!");
            return;
        }
        push @io, $s;
    }
    # Blocked until the child is on record, so that reap always knows whose exit it saw.
    my $chld = POSIX::SigSet->new(POSIX::SIGCHLD());
    POSIX::sigprocmask(POSIX::SIG_BLOCK(), $chld);
    my $pid = fork;
    if (!defined $pid) {
        syswrite($io[2], "cannot start a command: fork: $!\n");
        tell_jvm("x $id 127");
    } elsif ($pid == 0) {
        run($root, $env, $argv, @io);
    } else {
        $id_of{$pid} = $id;
        $pid_of{$id} = $pid;
    }
    POSIX::sigprocmask(POSIX::SIG_UNBLOCK(), $chld);
}

# In the child: never returns.
sub run {
    my ($root, $env, $argv, @io) = @_;
    $SIG{$_} = 'DEFAULT' for qw(CHLD PIPE); # an ignored signal would stay ignored in the command
    POSIX::sigprocmask(POSIX::SIG_SETMASK(), POSIX::SigSet->new());
    POSIX::setsid(); # its own process group: ending the command ends what it started
    POSIX::dup2(fileno($io[$_]), $_) for 0 .. 2;
    chdir($root) or fail("cannot enter $root: $!");
    for (@$env) {
        my ($name, $value) = split /=/, $_, 2;
        $ENV{$name} = $value;
    }
    { exec { $argv->[0] } @$argv }
    fail("cannot run $argv->[0]: $!");
}

sub fail {
    syswrite(STDERR, "$_[0]\n");
    POSIX::_exit(127);
}

sub reap {
    while ((my $pid = waitpid(-1, POSIX::WNOHANG())) > 0) {
        my $status = $?;
        my $id = delete $id_of{$pid};
        next unless defined $id;
        delete $pid_of{$id};
        tell_jvm("x $id " . (($status & 127) ? 128 + ($status & 127) : $status >> 8));
    }
}

# One write per line (shorter than a pipe's atomic size): lines from reap never cut into others.
sub tell_jvm {
    my $line = "$_[0]\n";
    until (defined syswrite(STDOUT, $line)) {
        exit 0 unless $!{EINTR}; # the JVM is gone
    }
}
