using System.Globalization;
using k8s;
using k8s.Models;
using Streams.Deployment.Tests.Compose;
using Streams.Schemas.Topics;
using YamlDotNet.RepresentationModel;

namespace Streams.Deployment.Tests.Kubernetes;

public sealed class KubernetesManifestTests
{
    [Fact]
    public void Files_StrictlyAgainstTheKubernetesApiModels_EveryDocumentLoads()
    {
        // KubernetesClient's models are generated from the Kubernetes OpenAPI schema; strict mode
        // rejects a field the schema does not have (a typo, a wrong nesting) instead of dropping it.
        foreach (var file in ManifestSet.Files)
        {
            List<object> objects = [];
            var error = Record.Exception(() => objects = KubernetesYaml.LoadAllFromString(ManifestSet.Text(file), strict: true));

            Assert.True(error is null, $"{file}: {error?.Message}");
            Assert.NotEmpty(objects);
            Assert.All(objects, o => Assert.IsAssignableFrom<IKubernetesObject<V1ObjectMeta>>(o));
        }
    }

    [Fact]
    public void Documents_Every_HasApiVersionKindAndAStreamsName()
    {
        Assert.All(ManifestSet.All, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m.Root["apiVersion"].ToString()), m.ToString());
            Assert.Matches("^streams(-[a-z-]+)?$", m.Name);
            Assert.Equal("streams", ManifestSet.Labels(ManifestSet.Mapping((YamlMappingNode)m.Root["metadata"], "labels"))["app.kubernetes.io/name"]);
        });
        Assert.Equal(ManifestSet.All.Count, ManifestSet.All.Select(m => (m.Kind, m.Name)).Distinct().Count());
    }

    [Fact]
    public void Workloads_EveryRole_HasTheKindItsStateNeeds()
    {
        foreach (var role in DeploymentRoles.All)
        {
            var kind = role == "collector" ? "DaemonSet" : DeploymentRoles.Stateful.Contains(role) ? "StatefulSet" : "Deployment";
            var workload = ManifestSet.Single(kind, $"streams-{role}");
            var container = Assert.Single(ManifestSet.Containers(workload));

            Assert.Equal(["run", "--roles", role], ManifestSet.Sequence(container, "args").Select(a => a.ToString()));
            Assert.Equal("streams:latest", container["image"].ToString());
        }
    }

    [Fact]
    public void Workloads_EveryLongRunningContainer_HasProbesOnItsApiPortAndRequestsAndLimits()
    {
        foreach (var workload in ManifestSet.Workloads.Where(w => w.Kind != "Job"))
        {
            foreach (var container in ManifestSet.Containers(workload))
            {
                var port = ManifestSet.Env(container, "Api__Port") ?? "8080";
                Assert.Equal("/healthz", ProbePath(container, "livenessProbe", port, workload));
                Assert.Equal("/readyz", ProbePath(container, "readinessProbe", port, workload));
                Assert.Equal("/healthz", ProbePath(container, "startupProbe", port, workload));
            }
        }

        var all = ManifestSet.Workloads.SelectMany(w => ManifestSet.Containers(w)
            .Concat(ManifestSet.Sequence(ManifestSet.PodSpec(w), "initContainers").Cast<YamlMappingNode>())
            .Select(c => (w, c)));
        Assert.All(all, wc => AssertResources(wc.w, wc.c));
    }

    [Fact]
    public void Workloads_Selectors_MatchTheirPodTemplateLabels()
    {
        foreach (var workload in ManifestSet.Workloads.Where(w => w.Kind != "Job"))
        {
            var selector = ManifestSet.Labels(ManifestSet.Mapping((YamlMappingNode)workload.Spec["selector"], "matchLabels"));
            var template = ManifestSet.Labels(ManifestSet.Mapping((YamlMappingNode)((YamlMappingNode)workload.Spec["template"])["metadata"], "labels"));

            Assert.NotEmpty(selector);
            Assert.All(selector, label => Assert.Equal(label.Value, template.GetValueOrDefault(label.Key)));
        }
    }

    [Fact]
    public void Services_Selectors_EachMatchAWorkloadThatServesTheTargetPort()
    {
        foreach (var service in ManifestSet.All.Where(m => m.Kind == "Service"))
        {
            var selector = ManifestSet.Labels(ManifestSet.Mapping(service.Spec, "selector"));
            var workload = Assert.Single(ManifestSet.Workloads, w =>
            {
                var labels = ManifestSet.Labels(ManifestSet.Mapping((YamlMappingNode)((YamlMappingNode)w.Spec["template"])["metadata"], "labels"));
                return selector.All(s => labels.GetValueOrDefault(s.Key) == s.Value);
            });
            var portNames = ManifestSet.Containers(workload)
                .SelectMany(c => ManifestSet.Sequence(c, "ports").Cast<YamlMappingNode>())
                .Select(p => p["name"].ToString())
                .ToHashSet(StringComparer.Ordinal);
            Assert.All(ManifestSet.Sequence(service.Spec, "ports").Cast<YamlMappingNode>(), p => Assert.Contains(p["targetPort"].ToString(), portNames));
        }
    }

    [Fact]
    public void StatefulSets_StateDir_IsTheMountedVolumeClaim()
    {
        foreach (var role in DeploymentRoles.Stateful)
        {
            var set = ManifestSet.Single("StatefulSet", $"streams-{role}");
            var container = Assert.Single(ManifestSet.Containers(set));
            var section = char.ToUpperInvariant(role[0]) + role[1..];
            var stateDir = ManifestSet.Env(container, $"{section}__StateDir");
            var claim = Assert.Single(ManifestSet.Sequence(set.Spec, "volumeClaimTemplates").Cast<YamlMappingNode>());
            var claimName = ((YamlMappingNode)claim["metadata"])["name"].ToString();

            Assert.Equal($"streams-{role}", set.Spec["serviceName"].ToString());
            ManifestSet.Single("Service", $"streams-{role}");
            Assert.Contains(ManifestSet.Sequence(container, "volumeMounts").Cast<YamlMappingNode>(),
                m => m["name"].ToString() == claimName && m["mountPath"].ToString() == stateDir);
        }
    }

    [Fact]
    public void Autoscalers_TargetTheirStatefulSetsAndStayWithinTheInputPartitions()
    {
        var autoscalers = ManifestSet.All.Where(m => m.Kind == "HorizontalPodAutoscaler").ToList();

        Assert.Equal(DeploymentRoles.Autoscaled.Select(r => $"streams-{r}"), autoscalers.Select(h => h.Name).Order(StringComparer.Ordinal));
        foreach (var hpa in autoscalers)
        {
            var target = (YamlMappingNode)hpa.Spec["scaleTargetRef"];
            var set = ManifestSet.Single(target["kind"].ToString(), target["name"].ToString());
            var max = int.Parse(hpa.Spec["maxReplicas"].ToString(), CultureInfo.InvariantCulture);

            Assert.Equal("apps/v1", target["apiVersion"].ToString());
            // Replicas beyond the partitions of metrics.raw / metrics.windows would get no partition.
            Assert.InRange(max, 2, Math.Min(TopicCatalogue.MetricsRaw.Partitions, TopicCatalogue.MetricsWindows.Partitions));
            Assert.False(set.Spec.Children.ContainsKey(new YamlScalarNode("replicas")), $"{set}: the autoscaler owns the replica count");
        }
    }

    [Fact]
    public void Containers_EnvFrom_ReferencesTheConfigMapAndSecretThatExist()
    {
        var configMaps = ManifestSet.All.Where(m => m.Kind == "ConfigMap").Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var secrets = ManifestSet.All.Where(m => m.Kind == "Secret").Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var endpoints = (YamlMappingNode)ManifestSet.Single("ConfigMap", "streams-endpoints").Root["data"];

        foreach (var role in DeploymentRoles.All)
        {
            var workload = ManifestSet.Workloads.Single(w => w.Name == $"streams-{role}");
            var envFrom = ManifestSet.Sequence(Assert.Single(ManifestSet.Containers(workload)), "envFrom").Cast<YamlMappingNode>().ToList();

            Assert.Contains(envFrom, e => ManifestSet.Mapping(e, "configMapRef") is { } r && configMaps.Contains(r["name"].ToString()));
            Assert.Contains(envFrom, e => ManifestSet.Mapping(e, "secretRef") is { } r && secrets.Contains(r["name"].ToString()));
        }

        foreach (var key in new[] { "Kafka__BootstrapServers", "SchemaRegistry__Url", "ClickHouse__Url" })
        {
            Assert.True(endpoints.Children.ContainsKey(new YamlScalarNode(key)), $"streams-endpoints has no {key}");
        }

        Assert.Equal("false", endpoints["Kafka__ProvisionTopics"].ToString());
    }

    [Fact]
    public void TopicsJob_Script_IsTheComposeScript()
    {
        var script = (YamlMappingNode)ManifestSet.Single("ConfigMap", "streams-create-topics").Root["data"];

        Assert.Equal(RepositoryFiles.Read(TopicScript.RelativePath), script["create-topics.sh"].ToString());
        var volume = Assert.Single(ManifestSet.Sequence(ManifestSet.PodSpec(ManifestSet.Single("Job", "streams-topics")), "volumes").Cast<YamlMappingNode>());
        Assert.Equal("streams-create-topics", ((YamlMappingNode)volume["configMap"])["name"].ToString());
    }

    [Fact]
    public void Kustomization_Resources_AreEveryManifestFile()
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(ManifestSet.Text(ManifestSet.Kustomization)))
        {
            stream.Load(reader);
        }

        var resources = ManifestSet.Sequence((YamlMappingNode)stream.Documents[0].RootNode, "resources").Select(r => r.ToString());
        Assert.Equal(ManifestSet.Files, resources.Order(StringComparer.Ordinal));
    }

    private static string ProbePath(YamlMappingNode container, string probe, string port, Manifest workload)
    {
        var get = ManifestSet.Mapping(ManifestSet.Mapping(container, probe) ?? throw new Xunit.Sdk.XunitException($"{workload}: no {probe}"), "httpGet")
            ?? throw new Xunit.Sdk.XunitException($"{workload}: {probe} is not an HTTP probe");
        Assert.Equal(port, get["port"].ToString());
        return get["path"].ToString();
    }

    private static void AssertResources(Manifest workload, YamlMappingNode container)
    {
        var resources = ManifestSet.Mapping(container, "resources") ?? throw new Xunit.Sdk.XunitException($"{workload}: {container["name"]} has no resources");
        foreach (var section in new[] { "requests", "limits" })
        {
            var values = ManifestSet.Mapping(resources, section) ?? throw new Xunit.Sdk.XunitException($"{workload}: {container["name"]} has no {section}");
            Assert.True(values.Children.ContainsKey(new YamlScalarNode("cpu")) && values.Children.ContainsKey(new YamlScalarNode("memory")), $"{workload}: {section} needs cpu and memory");
        }

        var requests = ManifestSet.Mapping(resources, "requests")!;
        var limits = ManifestSet.Mapping(resources, "limits")!;
        Assert.True(new ResourceQuantity(requests["memory"].ToString()).ToDecimal() <= new ResourceQuantity(limits["memory"].ToString()).ToDecimal(), $"{workload}: memory request above limit");
        Assert.True(new ResourceQuantity(requests["cpu"].ToString()).ToDecimal() <= new ResourceQuantity(limits["cpu"].ToString()).ToDecimal(), $"{workload}: cpu request above limit");
    }
}
