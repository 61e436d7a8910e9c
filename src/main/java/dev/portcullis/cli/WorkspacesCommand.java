package dev.portcullis.cli;

import dev.portcullis.keys.Reach;
import dev.portcullis.keys.Workspace;
import dev.portcullis.keys.WorkspaceLimits;
import dev.portcullis.keys.WorkspaceService;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/** {@code portcullis workspaces create | list | update | delete}: workspaces and sub-accounts. */
@Command(name = "workspaces", mixinStandardHelpOptions = true, description = "Manage workspaces (sub-accounts).",
    subcommands = {WorkspacesCommand.Create.class, WorkspacesCommand.ListWorkspaces.class,
        WorkspacesCommand.Update.class, WorkspacesCommand.Delete.class})
public final class WorkspacesCommand {

  @Option(names = {"-c", "--config"}, description = "YAML config file", scope = ScopeType.INHERIT)
  Path configFile;

  /** Limits as options; absent options mean no limit. */
  static final class Limits {
    @Option(names = "--max-api-keys", description = "Most active gateway keys") Integer maxApiKeys;
    @Option(names = "--max-virtual-keys", description = "Most virtual keys") Integer maxVirtualKeys;
    @Option(names = "--max-workspaces", description = "Most child workspaces") Integer maxWorkspaces;

    WorkspaceLimits toLimits() {
      return new WorkspaceLimits(maxApiKeys, maxVirtualKeys, maxWorkspaces);
    }

    boolean given() {
      return maxApiKeys != null || maxVirtualKeys != null || maxWorkspaces != null;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a child workspace.")
  static final class Create implements Callable<Integer> {
    @ParentCommand WorkspacesCommand parent;
    @Option(names = "--name", required = true) String name;
    @Option(names = "--parent", defaultValue = Workspace.ROOT, description = "Parent workspace id (default: default)")
    String parentId;
    @Mixin Limits limits;
    @Option(names = "--metadata", description = "key=value, repeatable") Map<String, String> metadata;

    @Override
    public Integer call() {
      return StoreSession.run(parent.configFile, store -> {
        Workspace w = store.tenancy().workspaces().create(Reach.everything(), store.actor(),
            new WorkspaceService.Draft(parentId, name, limits.toLimits(), metadata));
        System.out.println("id:     " + w.id());
        System.out.println("parent: " + w.parentId());
        return 0;
      });
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List workspaces, parents first.")
  static final class ListWorkspaces implements Callable<Integer> {
    @ParentCommand WorkspacesCommand parent;

    @Override
    public Integer call() {
      return StoreSession.run(parent.configFile, store -> {
        CliTable table = new CliTable("%-20s  %-20s  %-24s  %-8s  %-8s  %-8s  %s", "ID", "PARENT", "NAME", "STATE",
            "MAX_KEYS", "MAX_VKS", "MAX_CHILDREN");
        for (Workspace w : store.tenancy().workspaces().list(Reach.everything(), Workspace.ROOT)) {
          table.row(w.id(),
              w.parentId() == null ? "-" : w.parentId(), w.name(), w.enabled() ? "enabled" : "disabled",
              limit(w.limits().maxApiKeys()), limit(w.limits().maxVirtualKeys()), limit(w.limits().maxWorkspaces()));
        }
        return 0;
      });
    }

    private static String limit(Integer v) {
      return v == null ? "any" : v.toString();
    }
  }

  @Command(name = "update", mixinStandardHelpOptions = true,
      description = "Rename, enable or disable a workspace, or set its limits (given limits replace all three).")
  static final class Update implements Callable<Integer> {
    @ParentCommand WorkspacesCommand parent;
    @Parameters(paramLabel = "ID") String id;
    @Option(names = "--name") String name;
    @Option(names = "--enabled", arity = "1", description = "true or false") Boolean enabled;
    @Mixin Limits limits;

    @Override
    public Integer call() {
      return StoreSession.run(parent.configFile, store -> {
        store.tenancy().workspaces().update(Reach.everything(), store.actor(), id,
            new WorkspaceService.Patch(name, enabled, limits.given() ? limits.toLimits() : null, null, null));
        System.out.println("updated " + id);
        return 0;
      });
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete a workspace without children: revokes its keys, deletes its virtual keys and users.")
  static final class Delete implements Callable<Integer> {
    @ParentCommand WorkspacesCommand parent;
    @Parameters(paramLabel = "ID") String id;

    @Override
    public Integer call() {
      return StoreSession.run(parent.configFile, store -> {
        store.tenancy().workspaces().delete(Reach.everything(), store.actor(), id);
        System.out.println("deleted " + id);
        return 0;
      });
    }
  }
}
