package io.cairn.itests;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** REST calls of the tests, authenticated as the cluster admin against one node. */
final class Api {
    private final LocalCluster cluster;
    private final String node;

    Api(LocalCluster cluster, String node) {
        this.cluster = cluster;
        this.node = node;
    }

    @Override
    public String toString() {
        return "node " + node;
    }

    String base() {
        return cluster.restBase(node);
    }

    Rest.Response get(String path) {
        return Rest.get(base() + path, "admin", cluster.password());
    }

    Rest.Response post(String path, String body) {
        return Rest.post(base() + path, body, "admin", cluster.password());
    }

    /** PUT without a body. */
    Rest.Response put(String path) {
        return Rest.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + path))
                .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()), "admin", cluster.password());
    }

    Rest.Response delete(String path) {
        return Rest.delete(base() + path, "admin", cluster.password());
    }

    static String vmJson(String name, boolean ha, String extra) {
        return "{\"name\":\"" + name + "\",\"vcpus\":1,\"memoryMiB\":96,\"ha\":" + ha
                + ",\"boot\":{\"kernel\":\"vmlinuz\",\"initrd\":\"initrd.img\",\"cmdline\":\"console=ttyS0\"}"
                + (extra == null ? "" : "," + extra) + "}";
    }

    /** Waits for a task to end and returns it; fails on a failed task. */
    JsonNode awaitTask(String taskId, Duration timeout) {
        LocalCluster.await("task " + taskId, timeout, () -> {
            String state = get("/tasks/" + taskId).json().get("state").asText();
            return state.equals("succeeded") || state.equals("failed");
        });
        JsonNode task = get("/tasks/" + taskId).json();
        if (!task.get("state").asText().equals("succeeded")) {
            throw new AssertionError("task failed: " + task);
        }
        return task;
    }

    List<String> vmNames() {
        List<String> names = new ArrayList<>();
        get("/vms").json().forEach(vm -> names.add(vm.get("vm").get("spec").get("name").asText()));
        return names;
    }
}
