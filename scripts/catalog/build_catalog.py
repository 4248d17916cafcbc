#!/usr/bin/env python3
"""Builds PtmReuse.Core/Classification/Catalog/ptm-catalog.json from public model zoos and the hand-curated files.

Names and aliases only (facts): nothing else is copied from the sources. The output is deterministic: the same
sources (at the commits recorded in SOURCES) and the same curated files give the same bytes.

    python3 scripts/catalog/build_catalog.py                 # writes the shipped JSON
    python3 scripts/catalog/build_catalog.py --check         # fails if the shipped JSON differs from a fresh build

Sources are read from git snapshots (the `fetch` tool puts them under /work/.mirror/OWNER+NAME/repo) or, for
repositories too large to fetch, from a listing taken from the search index at the recorded commit and kept under
/work/.mirror/index-cache/. See docs/catalog.md.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUTPUT = os.path.join(REPO_ROOT, "PtmReuse.Core", "Classification", "Catalog", "ptm-catalog.json")
MIRROR = os.environ.get("PTMREUSE_MIRROR", "/work/.mirror")

# Every source: where its snapshot is, the commit the catalog was built from, and what was read.
SOURCES = {
    "timm": {"repo": "huggingface/pytorch-image-models", "commit": "aa4b5850c1543fa488abf260f18390eda46cf85d",
             "path": "timm/models", "what": "@register_model builders"},
    "transformers": {"repo": "huggingface/transformers", "commit": "8ed701e9a8d5d2229eff86398de21e90a3a318ab",
                     "path": "src/transformers/models/auto/configuration_auto.py", "what": "MODEL_NAMES_MAPPING",
                     "cache": "index-cache/transformers-8ed701e9-model-names.tsv"},
    "kipoi": {"repo": "kipoi/models", "commit": "06bfe84758b996d06f7f604b29e5b0342a700551",
              "path": "*/model.yaml", "what": "model groups"},
    "mmpose": {"repo": "open-mmlab/mmpose", "commit": "759b39c13fea6ba094afc1fa932f51dc1b11cbf9",
               "path": "configs", "what": "[ALGORITHM]/[BACKBONE] citations of the model zoo pages"},
    "bioimageio": {"repo": "bioimage-io/collection-bioimage-io", "commit": "31f54737a6383c201c3ee0975ae76050e5ba996e",
                   "path": "collection/*/resource.yaml", "what": "accepted models (name, nickname)"},
    "torchvision": {"repo": "pytorch/vision", "path": "torchvision/models", "what": "model builders",
                    "cache": "index-cache/torchvision-builders.tsv"},
    "mmdetection": {"repo": "open-mmlab/mmdetection", "path": "configs", "what": "algorithm folders",
                    "cache": "index-cache/mmdetection-configs.tsv"},
}

# Generic words that never name a model on their own: an alias made only of these is dropped.
GENERIC_TOKENS = {
    "base", "large", "small", "tiny", "huge", "giant", "medium", "mini", "nano", "micro", "xl", "xxl", "model",
    "models", "net", "network", "the", "a", "v1", "v2", "v3", "b", "l", "s", "t", "m", "h", "g", "x", "pro", "plus",
    "lite", "light", "text", "2d", "3d", "segmentation", "vision", "audio", "small", "moe",
}

# Shared context vocabularies for guards (CatalogGuard.RequireNearby). A guard with "requireDlCue" uses the shared
# deep-learning list in PtmReuse.Core (CatalogGuard.DeepLearningCues) instead of repeating it here.
STRONG_CUES = {
    "text": ["language model", "LLM", "transformer", "token", "prompt", "fine-tun", "pre-train", "pretrain",
             "Hugging Face", "HuggingFace", "NLP", "embedding", "chatbot"],
    "vision": ["image", "convolution", "backbone", "ImageNet", "vision transformer", "pre-train", "pretrain",
               "fine-tun", "segmentation", "detection", "neural network", "deep learning", "CNN"],
    "audio": ["audio", "speech", "spectrogram", "sound", "acoustic", "ASR", "vocali"],
    "protein": ["protein language model", "protein structure", "embedding", "language model", "pLDDT",
                "deep learning", "neural network", "pre-train", "pretrain"],
    "genomics": ["deep learning", "neural network", "convolution", "CNN", "sequence model", "pre-train",
                 "pretrain", "language model"],
    "default": ["deep learning", "neural network", "pre-train", "pretrain", "fine-tun", "language model",
                "transformer", "convolution", "CNN"],
}

# Lower-case words of a dictionary (Debian's wamerican); used only to decide how strong a guard must be.
DICTIONARY_PATH = "/usr/share/dict/words"


def key(name):
    """The catalog's name key: lower-case letters, digits and '+' (as PtmCatalog.NormalizeKey)."""
    return "".join(c.lower() for c in name if c.isalnum() or c == "+")


def case_key(name):
    return "".join(c for c in name if c.isalnum() or c == "+")


def tokens(name):
    return re.findall(r"[^\W_]+|\+", name)  # letters/digits runs, as PtmCatalog.Tokenize (underscore splits)


def is_hopeless(name):
    """Names no context can rescue: empty, one character, bare numbers, or only generic words."""
    k = key(name)
    if len(k) <= 1 or k.isdigit() or len(k) == 2 and not any(c.isdigit() for c in k):
        return True
    toks = [t.lower() for t in tokens(name)]
    return all(t in GENERIC_TOKENS or t.isdigit() for t in toks)


def is_ambiguous(name):
    """Mirror of CatalogAmbiguity.IsAmbiguous in PtmReuse.Core: short, acronym-like or word-shaped names."""
    k = key(name)
    toks = tokens(name)
    if len(k) <= 4:
        return True
    if len(toks) == 1:
        t = toks[0]
        if t.isalpha() and t.isupper() and len(t) <= 8:
            return True
        if t.isalpha() and t[1:] == t[1:].lower():
            return True
    return False


def git_show(repo_dir, commit, path):
    return subprocess.run(["git", "-C", repo_dir, "show", f"{commit}:{path}"], check=True,
                          capture_output=True, text=True).stdout


def git_ls(repo_dir, commit, path="."):
    out = subprocess.run(["git", "-C", repo_dir, "ls-tree", "-r", "--name-only", commit, "--", path or "."], check=True,
                         capture_output=True, text=True).stdout
    return out.split("\n")[:-1] if out else []


def mirror_of(source):
    repo_dir = os.path.join(MIRROR, SOURCES[source]["repo"].replace("/", "+"), "repo")
    if not os.path.isdir(repo_dir):
        sys.exit(f"build_catalog: {repo_dir} is missing: fetch github:{SOURCES[source]['repo']} first (docs/catalog.md)")
    return repo_dir


def cache_of(source):
    path = os.path.join(MIRROR, SOURCES[source]["cache"])
    if not os.path.isfile(path):
        sys.exit(f"build_catalog: {path} is missing (docs/catalog.md says how it was made)")
    return path


def provenance(source, path=None, commit=None):
    s = SOURCES[source]
    return {"source": s["repo"], "commit": commit or s["commit"], "path": path or s["path"]}


def entry(canonical, aliases, family, modality, kind, prov, organisation=None, year=None, wraps=None):
    return {"canonical": canonical, "aliases": list(aliases), "family": family, "modality": modality,
            "organisation": organisation, "year": year, "kind": kind, "provenance": prov, "wraps": wraps}


# ---------------------------------------------------------------------------------------------------------------
# timm: one entry per builder with its input resolution folded away (vit_base_patch16_224/_384 are one model).

TIMM_FAMILY = {
    "vit": "ViT", "deit": "DeiT", "deit3": "DeiT III", "beit": "BEiT", "beitv2": "BEiT v2", "beit3": "BEiT-3",
    "resnet": "ResNet", "resnetv2": "ResNetV2", "resnext": "ResNeXt", "seresnet": "SE-ResNet",
    "seresnext": "SE-ResNeXt", "wide": "Wide", "convnext": "ConvNeXt", "convnextv2": "ConvNeXt V2",
    "efficientnet": "EfficientNet", "efficientnetv2": "EfficientNetV2", "mobilenetv1": "MobileNetV1",
    "mobilenetv2": "MobileNetV2", "mobilenetv3": "MobileNetV3", "mobilenetv4": "MobileNetV4",
    "mobilenetv5": "MobileNetV5", "mobilevit": "MobileViT", "mobilevitv2": "MobileViTv2", "swin": "Swin",
    "swinv2": "Swin V2", "densenet": "DenseNet", "vgg": "VGG", "regnetx": "RegNetX", "regnety": "RegNetY",
    "regnetz": "RegNetZ", "regnetv": "RegNetV", "inception": "Inception", "xception": "Xception",
    "dla": "DLA", "dpn": "DPN", "cait": "CaiT", "coat": "CoaT", "convit": "ConViT", "convmixer": "ConvMixer",
    "crossvit": "CrossViT", "cspresnet": "CSPResNet", "cspresnext": "CSPResNeXt", "cspdarknet": "CSPDarkNet",
    "darknet": "DarkNet", "davit": "DaViT", "edgenext": "EdgeNeXt", "efficientformer": "EfficientFormer",
    "efficientformerv2": "EfficientFormerV2", "efficientvit": "EfficientViT", "eva": "EVA", "eva02": "EVA-02",
    "fastvit": "FastViT", "focalnet": "FocalNet", "gcvit": "GCViT", "ghostnet": "GhostNet",
    "ghostnetv2": "GhostNetV2", "ghostnetv3": "GhostNetV3", "hrnet": "HRNet", "levit": "LeViT",
    "maxvit": "MaxViT", "maxxvit": "MaxxViT", "coatnet": "CoAtNet", "mixer": "MLP-Mixer", "gmlp": "gMLP",
    "resmlp": "ResMLP", "mvitv2": "MViTv2", "nfnet": "NFNet", "nf": "NF", "pit": "PiT", "pvt": "PVT",
    "poolformer": "PoolFormer", "poolformerv2": "PoolFormerV2", "res2net": "Res2Net", "res2next": "Res2NeXt",
    "resnest": "ResNeSt", "rexnet": "ReXNet", "selecsls": "SelecSLS", "senet": "SENet", "legacy": "legacy",
    "skresnet": "SK-ResNet", "skresnext": "SK-ResNeXt", "tnt": "TNT", "tresnet": "TResNet", "twins": "Twins",
    "visformer": "Visformer", "volo": "VOLO", "vovnet": "VoVNet", "ese": "ESE", "xcit": "XCiT",
    "mnasnet": "MnasNet", "fbnetc": "FBNet-C", "fbnetv3": "FBNetV3", "spnasnet": "SPNASNet",
    "mixnet": "MixNet", "tinynet": "TinyNet", "lcnet": "LCNet", "hardcorenas": "HardCoReNAS",
    "semnasnet": "MnasNet-SE", "nasnetalarge": "NASNet-A Large", "pnasnet5large": "PNASNet-5 Large",
    "inception_v3": "Inception v3", "sequencer2d": "Sequencer2D", "repvgg": "RepVGG", "repvit": "RepViT",
    "repghostnet": "RepGhostNet", "mobileone": "MobileOne", "hgnet": "HGNet", "hgnetv2": "HGNetV2",
    "hiera": "Hiera", "sam2": "SAM 2", "samvit": "SAM ViT", "inception_next": "InceptionNeXt",
    "inception_resnet_v2": "Inception-ResNet v2", "inception_v4": "Inception v4", "bat": "BAT",
    "vitamin": "ViTamin", "nest": "NesT", "jx": "JX", "gernet": "GENet", "gcresnet": "GC-ResNet",
    "gcresnext": "GC-ResNeXt", "ecaresnet": "ECA-ResNet", "ecaresnext": "ECA-ResNeXt", "botnet26t": "BoTNet-26t",
    "halonet": "HaloNet", "lambda": "LambdaNet", "lamhalobotnet50ts": "LamHaloBoTNet-50ts",
    "sebotnet33ts": "SE-BoTNet-33ts", "eca": "ECA", "resnetrs": "ResNet-RS", "rdnet": "RDNet",
    "starnet": "StarNet", "fasternet": "FasterNet", "shvit": "SHViT", "swiftformer": "SwiftFormer",
    "tiny_vit": "TinyViT", "nextvit": "Next-ViT", "mambaout": "MambaOut", "csatv2": "CSATv2",
    "vit_relpos": "ViT relpos", "flexivit": "FlexiViT", "naflexvit": "NaFlexViT", "convformer": "ConvFormer",
    "caformer": "CAFormer", "efficientvit_m": "EfficientViT-M", "test": "test", "aimv2": "AIMv2",
    "cs3darknet": "CS3DarkNet", "cs3sedarknet": "CS3SE-DarkNet", "cs3edgenet": "CS3EdgeNet",
    "cs3se_edgenet": "CS3SE-EdgeNet", "dm_nfnet": "NFNet", "eca_nfnet": "ECA-NFNet", "gc_efficientnetv2": "GC-EfficientNetV2",
    "bottleneck": "Bottleneck", "haloregnetz": "HaloRegNetZ", "tf": "TF", "gemma4": "Gemma 4",
}
SIZE_WORDS = {"tiny": "Tiny", "small": "Small", "base": "Base", "large": "Large", "huge": "Huge", "giant": "Giant",
              "medium": "Medium", "little": "Little", "mini": "Mini", "nano": "Nano", "pico": "Pico",
              "femto": "Femto", "atto": "Atto", "xtiny": "XTiny", "xxtiny": "XXTiny", "gigantic": "Gigantic"}
SIZE_ABBREVIATION = {"tiny": "Ti", "small": "S", "base": "B", "large": "L", "huge": "H", "giant": "g"}
RESOLUTION = re.compile(r"^(96|112|128|160|176|192|224|240|256|260|272|280|288|300|320|336|352|380|384|392|448|456|"
                        r"475|480|512|518|528|560|576|600|640|800|896)$")


def timm_display(builder):
    parts = builder.split("_")
    head = re.match(r"^([a-z]+?)(v\d+|\d.*)?$", parts[0])
    family_key = parts[0]
    if head and head.group(1) in TIMM_FAMILY and parts[0] not in TIMM_FAMILY:
        family_key = head.group(1)
        first = TIMM_FAMILY[family_key] + ("-" + head.group(2) if head.group(2) and not head.group(2).startswith("v")
                                           else (head.group(2) or ""))
    else:
        first = TIMM_FAMILY.get(parts[0], parts[0])
    display = first
    for i, part in enumerate(parts[1:]):
        if part in SIZE_WORDS:
            display += ("-" if i == 0 else " ") + SIZE_WORDS[part]
        elif re.fullmatch(r"patch\d+", part):
            display += "/" + part[5:]
        elif re.fullmatch(r"b\d", part) and "efficient" in parts[0]:
            display += "-" + part.upper()
        else:
            display += ("-" if i == 0 and re.match(r"\d", part) else " ") + part
    family = TIMM_FAMILY.get(family_key, TIMM_FAMILY.get(parts[0], parts[0]))
    return display, family


def timm_entries():
    repo_dir = mirror_of("timm")
    commit = SOURCES["timm"]["commit"]
    grouped = {}
    for path in git_ls(repo_dir, commit, "timm/models"):
        if not path.endswith(".py") or "/layers/" in path or "/_" in path:
            continue
        text = git_show(repo_dir, commit, path)
        for builder in re.findall(r"@register_model\s*\ndef\s+([a-z0-9_]+)\s*\(", text):
            if builder.startswith("test_"):
                continue
            stem = builder[3:] if builder.startswith("tf_") else builder
            stem = "_".join(p for p in stem.split("_") if not RESOLUTION.match(p))
            grouped.setdefault(stem, {"builders": set(), "path": path})["builders"].add(builder)
    out = []
    for stem in sorted(grouped):
        display, family = timm_display(stem)
        aliases = sorted(grouped[stem]["builders"] | {stem})
        parts = stem.split("_")
        # "ViT-B/16" style: the size abbreviation that papers use for ViT/DeiT/BEiT/Swin/ConvNeXt variants.
        if len(parts) >= 2 and parts[1] in SIZE_ABBREVIATION:
            short = display.replace("-" + SIZE_WORDS[parts[1]], "-" + SIZE_ABBREVIATION[parts[1]], 1)
            if short != display:
                aliases.append(short)
        out.append(entry(display, aliases, family, "vision", "Architecture",
                         provenance("timm", path=grouped[stem]["path"])))
    return out


# ---------------------------------------------------------------------------------------------------------------
# Hugging Face Transformers: model families (display names of MODEL_NAMES_MAPPING).

TRANSFORMERS_SKIP = {
    "encoder-decoder", "speech-encoder-decoder", "vision-encoder-decoder", "vision-text-dual-encoder",
    "timm_backbone", "timm_wrapper", "fsmt", "bert-generation", "bert-japanese", "chinese_clip_vision_model",
    "clip_text_model", "clip_vision_model", "siglip_vision_model", "idefics3_vision", "aria_text",
    "qwen2_audio_encoder", "vitpose_backbone", "rt_detr_resnet", "maskformer-swin", "donut-swin", "granitemoe",
}
TRANSFORMERS_MODALITY = re.compile(
    r"(?P<vision>vit|deit|beit|swin|convnext|detr|dino|sam|segformer|mask|yolo|efficient|mobilenet|regnet|resnet|"
    r"levit|pvt|dpt|glpn|depth|zoe|owl|clip|blip|llava|idefics|pix|vivit|video|timesformer|hiera|superpoint|"
    r"focal|poolformer|cvt|bit|dinat|nat|van|swiftformer|textnet|upernet|oneformer|omdet|grounding|vitdet|"
    r"vitmatte|vitpose|groupvit|seggpt|imagegpt|ijepa|dit|donut|nougat|layout|udop|chameleon|emu|fuyu|paligemma|"
    r"pixtral|kosmos|flava|align|git|bridgetower|tvp|xclip|colpali|trocr|table|mgp|matcha|deplot)|"
    r"(?P<audio>wav2vec|hubert|wavlm|whisper|speech|sew|unispeech|encodec|musicgen|bark|clap|clvp|dac|mimi|moshi|"
    r"moonshine|seamless|univnet|vits|fastspeech|pop2piano|audio|mctct|mms|xls|jukebox)|"
    r"(?P<protein>esm)|(?P<timeseries>informer|autoformer|patchts|time_series)")


def transformers_entries():
    path = cache_of("transformers")
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            model_type, display = line.rstrip("\n").split("\t")
            if model_type in TRANSFORMERS_SKIP:
                continue
            match = TRANSFORMERS_MODALITY.search(model_type)
            modality = next((k for k, v in match.groupdict().items() if v), "text") if match else "text"
            display = {"OpenAI GPT-2": "GPT-2", "OpenAI GPT": "GPT", "LLaVa": "LLaVA", "Hubert": "HuBERT",
                       "ConvNeXT": "ConvNeXt", "ConvNeXTV2": "ConvNeXt V2", "mamba2": "Mamba-2",
                       "BioGpt": "BioGPT", "VitPose": "ViTPose", "Llama2": "Llama 2", "Llama3": "Llama 3",
                       "Gemma2": "Gemma 2", "Qwen2": "Qwen2", "StableLm": "StableLM", "Starcoder2": "StarCoder2",
                       "ViTMAE": "MAE"}.get(display, display)
            aliases = {model_type} if key(model_type) != key(display) else set()
            family = re.sub(r"[-\s]?(v?\d+(\.\d+)?|V\d|XL|X|Small|MoE|MOE|NeXT|NeXt.*)$", "", display) or display
            out.append(entry(display, sorted(aliases), family, modality, "TrainedModel",
                             provenance("transformers", path=SOURCES["transformers"]["path"] + f" ({model_type})")))
    return out


# ---------------------------------------------------------------------------------------------------------------
# Kipoi model zoo: model groups (sub-models such as DeepSEA/beluga become aliases).

KIPOI_NOT_DEEP = {"MaxEntScan", "lsgkm-SVM", "pwm_HOCOMOCO", "shared", "tests", ".circleci", "HAL", "KipoiSplice",
                  "SiSp", "labranchor", "CleTimer", "Divergent421"}
KIPOI_DISPLAY = {"DeepCpG_DNA": "DeepCpG", "Optimus_5Prime": "Optimus 5-Prime", "epidermal_basset": "Epidermal Basset",
                 "rbp_eclip": "RBP eCLIP", "a2z-chromatin": "a2z-chromatin", "extended_coda": "Coda",
                 "BPNet_Dmel_OreR_2to3hr_ZDTBCG": "BPNet Drosophila", "BPNet-OSKN": "BPNet-OSKN",
                 "scbasset": "scBasset", "deepTarget": "deepTarget", "MPRA-DragoNN": "MPRA-DragoNN"}


def kipoi_entries():
    repo_dir = mirror_of("kipoi")
    commit = SOURCES["kipoi"]["commit"]
    groups = {}
    for path in git_ls(repo_dir, commit):
        parts = path.split("/")
        if len(parts) >= 2 and parts[-1] in ("model.yaml", "model-template.yaml") and parts[0] not in KIPOI_NOT_DEEP:
            groups.setdefault(parts[0], set())
            if len(parts) == 3 and parts[1] not in ("predict", "embedding", "template"):
                groups[parts[0]].add(f"{parts[0]}/{parts[1]}")
    out = []
    for group in sorted(groups):
        display = KIPOI_DISPLAY.get(group, group.replace("_", " "))
        aliases = ({group} if key(group) != key(display) else set()) | {a for a in groups[group] if len(groups[group]) <= 6}
        out.append(entry(display, sorted(aliases), display.split(" ")[0].split("-")[0], "genomics", "TrainedModel",
                         provenance("kipoi", path=f"{group}/")))
    return out


# ---------------------------------------------------------------------------------------------------------------
# MMPose model zoo: algorithms and backbones cited by the model zoo pages, with the venue year.

MMPOSE_NOT_MODELS = {"Wingloss", "SoftWingloss", "AdaptiveWingloss", "UDP", "DarkPose", "RLE", "DSNT", "IPR",
                     "Debias IPR", "Associative Embedding", "SimCC", "Albumentations", "FP16", "SCNet", "InterNet",
                     "Swin", "ResNet", "ResNext", "VGG", "AlexNet", "MobilenetV2", "ShufflenetV1", "ShufflenetV2",
                     "SEResNet", "ResNetV1D", "ResNeSt", "PVT", "HRNetv2", "YOLOX", "RTMDet", "PVTV2", "CSPNeXt"}


def mmpose_entries():
    repo_dir = mirror_of("mmpose")
    commit = SOURCES["mmpose"]["commit"]
    found = {}
    for path in git_ls(repo_dir, commit, "configs"):
        if not path.endswith(".md"):
            continue
        text = git_show(repo_dir, commit, path)
        for tag, name in re.findall(r"<!-- \[(ALGORITHM|BACKBONE)\] -->\s*<details>\s*<summary[^>]*>\s*<a href=\"[^\"]*\">([^<]+)</a>", text):
            m = re.match(r"^(.*?)\s*(?:\((?:[A-Za-z ]*'?\s?)(\d{4})\))?\s*$", name.strip())
            display, year = m.group(1).strip(), int(m.group(2)) if m.group(2) else None
            if display in MMPOSE_NOT_MODELS or not display:
                continue
            found.setdefault(display, (year, path))
    out = []
    for display in sorted(found):
        year, path = found[display]
        out.append(entry(display, [], display, "vision", "Architecture",
                         provenance("mmpose", path=os.path.dirname(path)), year=year))
    return out


# ---------------------------------------------------------------------------------------------------------------
# BioImage Model Zoo: accepted models, by name, with their bioimage.io nickname as an alias.

def bioimageio_entries():
    repo_dir = mirror_of("bioimageio")
    commit = SOURCES["bioimageio"]["commit"]
    out = []
    for path in sorted(git_ls(repo_dir, commit, "collection")):
        if not path.endswith("resource.yaml"):
            continue
        text = git_show(repo_dir, commit, path)
        if not re.search(r"^type:\s*model\s*$", text, re.M) or not re.search(r"^status:\s*accepted", text, re.M):
            continue
        # The model's own name is the top-level "name:"; indented ones name authors, inputs and outputs ("output0").
        names = re.findall(r"^name:\s*(.+?)\s*$", text, re.M) or re.findall(r"^\s+name:\s*(.+?)\s*$", text, re.M)
        nickname = re.search(r"^nickname:\s*(\S+)\s*$", text, re.M)
        created = re.search(r'created:\s*"?(\d{4})', text)
        tags = set(re.findall(r"[\w-]+", " ".join(re.findall(r"tags:\s*\[([^\]]*)\]", text, re.S))))
        if not names:
            continue
        name = names[0].strip("'\"")
        # Entries named by a tensor, a DOI or the bare architecture ("2D UNet") are not names of a model of their own.
        if ("rdf_source" in name or re.fullmatch(r"output\d*|input\d*", name) or re.match(r"10\.\d{4,}/", name)
                or re.fullmatch(r"(2D|3D)?[\s-]*U-?Net", name, re.I)):
            continue
        family = next((f for t, f in [("stardist", "StarDist"), ("cellpose", "Cellpose"), ("unet", "U-Net"),
                                      ("u-net", "U-Net"), ("noise2void", "Noise2Void"), ("care", "CARE"),
                                      ("plantseg", "PlantSeg"), ("hpa", "HPA"), ("deepimagej", "U-Net")]
                       if t in tags), "BioImage Model Zoo")
        aliases = [nickname.group(1)] if nickname else []
        e = entry(name, aliases, family, "microscopy", "TrainedModel",
                  provenance("bioimageio", path=os.path.dirname(path)), organisation=None,
                  year=int(created.group(1)) if created else None)
        # Nicknames are pairs of ordinary words ("noisy-fish"): they count only beside the model zoo's name.
        e["guards"] = [{"alias": a, "caseSensitive": False, "requireNearby": ["BioImage", "bioimage.io", "model zoo"]}
                       for a in aliases]
        out.append(e)
    return out


# ---------------------------------------------------------------------------------------------------------------
# Listings taken from the search index (repositories too large to fetch): one row per model with its file@commit.

def listing_entries(source, modality, kind):
    out = []
    with open(cache_of(source), encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            display, aliases, family, year, path, commit = (line.rstrip("\n").split("\t") + [""] * 6)[:6]
            out.append(entry(display, [a for a in aliases.split(";") if a], family or display, modality, kind,
                             provenance(source, path=path, commit=commit), year=int(year) if year else None))
    return out


# ---------------------------------------------------------------------------------------------------------------
# Hand-curated entries: curated.json (the catalog before zoos were added, guards included) and tools.txt.

KIND_CODES = {"M": "TrainedModel", "T": "Tool", "A": "Architecture", "F": "Framework"}


def curated_entries():
    with open(os.path.join(HERE, "curated.json"), encoding="utf-8") as f:
        seed = json.load(f)["entries"]
    out = []
    for e in seed:
        e = dict(e)
        e.setdefault("provenance", {"source": "curated", "reference": e.pop("reference", None)})
        out.append(e)
    with open(os.path.join(HERE, "tools.txt"), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            fields = [x.strip() for x in line.split("|")]
            if len(fields) != 9:
                sys.exit(f"tools.txt:{number}: expected 9 fields separated by '|', got {len(fields)}")
            canonical, aliases, family, modality, organisation, year, kind, reference, wraps = fields
            out.append({"canonical": canonical, "aliases": [a.strip() for a in aliases.split(";") if a.strip()],
                        "family": family or canonical, "modality": modality, "organisation": organisation or None,
                        "year": int(year) if year else None, "kind": KIND_CODES[kind],
                        "provenance": {"source": "curated", "reference": reference or None},
                        "wraps": [w.strip() for w in wraps.split(";") if w.strip()] or None, "_override": True})
    with open(os.path.join(HERE, "guards.json"), encoding="utf-8") as f:
        guards = json.load(f)["guards"]
    return out, guards


# ---------------------------------------------------------------------------------------------------------------
# Merge: curated entries first (they win), then each source in a fixed order. A generated entry that shares a name
# key with an existing entry is folded into it (new aliases only); aliases that already name another entry are
# dropped, so every alias resolves to exactly one entry.

def merge(curated, generated):
    entries, by_key = [], {}

    def names(e):
        return [e["canonical"]] + e["aliases"]

    words = load_dictionary()

    def add(e, fold):
        e["aliases"] = [a for a in dict.fromkeys(e["aliases"]) if not is_hopeless(a)]
        if e["provenance"].get("source") != "curated":
            # A zoo name that spells an ordinary word once joined ("ViTamin-S" = vitamins, "DetectoRS", "Chameleon",
            # "MEGA") would fire on everyday text; only hand-curated entries, with hand-written guards, keep such names.
            e["aliases"] = [a for a in e["aliases"] if not (key(a).isalpha() and key(a) in words)]
            # Identifiers made of ordinary words ("speech_to_text", "image-to-text") join into everyday phrases once
            # spaces and hyphens are ignored: "speech to text" in a paper is not the Speech2Text model.
            e["aliases"] = [a for a in e["aliases"]
                            if not (re.search(r"[_\s-]", a) and all(p.isdigit() or p.lower() in words for p in re.split(r"[_\s-]+", a) if p))]
            # Lower-case identifiers of at most four letters and digits ("pit_b", "s3d") would undo the case rule of
            # the short cased name they spell ("PiT b", "S3D"): keep the cased spelling only.
            e["aliases"] = [a for a in e["aliases"] if not (a == a.lower() and len(key(a)) <= 4)]
            # Likewise a lower-case, letters-only spelling of a short cased name ("swin_t" of "Swin-T") would make it
            # match a surname ("Swint"); spellings with digits ("vit_b_16", "dla34") keep working in lower case.
            cased_short = {key(n) for n in names(e) if any(c.isupper() for c in n) and len(case_key(n)) <= 6}
            e["aliases"] = [a for a in e["aliases"] if not (a == a.lower() and key(a).isalpha() and key(a) in cased_short)]
            if key(e["canonical"]).isalpha() and key(e["canonical"]) in words:
                return
        # Fold only when the canonical name is already known: a zoo variant ("ViT-Base/16") whose abbreviation
        # happens to be an alias elsewhere stays its own entry and just loses that alias.
        if key(e["canonical"]) in by_key and fold:
            target = entries[by_key[key(e["canonical"])]]
            if e.get("_override"):
                # tools.txt refines a curated.json entry: its kind, what it wraps and its reference.
                target["kind"] = e["kind"]
                target["wraps"] = e.get("wraps") or target.get("wraps")
                if target["provenance"].get("source") == "curated":
                    target["provenance"]["reference"] = e["provenance"].get("reference")
            for a in names(e):
                # A spelling with the same key but other casing or token breaks ("cs3sedarknet_xdw" beside
                # "CS3SE-DarkNet xdw") is kept: the matcher looks names up from their first token and casing.
                if (by_key.get(key(a), target["_index"]) == target["_index"] and not is_hopeless(a)
                        and a not in names(target)):
                    target["aliases"].append(a)
                    by_key[key(a)] = target["_index"]
                    target["guards"] = (target.get("guards") or []) + [g for g in e.get("guards") or []
                                                                       if key(g["alias"]) == key(a)]
            if target["provenance"].get("source") == "curated" and e["provenance"].get("source") != "curated":
                target["provenance"] = dict(e["provenance"], reference=target["provenance"].get("reference"))
                target["provenance"] = {k: v for k, v in target["provenance"].items() if v}
            for field in ("year", "organisation"):
                if target.get(field) is None and e.get(field) is not None:
                    target[field] = e[field]
            return
        if key(e["canonical"]) in by_key:
            return  # a curated duplicate: the first definition wins
        e["_index"] = len(entries)
        by_key[key(e["canonical"])] = e["_index"]
        kept = []
        for a in e["aliases"]:
            if by_key.get(key(a), e["_index"]) == e["_index"] and a != e["canonical"]:
                by_key[key(a)] = e["_index"]
                kept.append(a)
        e["aliases"] = kept
        entries.append(e)

    for e in curated:
        add(e, fold=True)
    for e in generated:
        if not is_hopeless(e["canonical"]):
            add(e, fold=True)
    return entries


def load_dictionary():
    if not os.path.isfile(DICTIONARY_PATH):
        sys.exit(f"build_catalog: {DICTIONARY_PATH} is missing (apt-get install wamerican)")
    with open(DICTIONARY_PATH, encoding="utf-8") as f:
        # Words with an inner capital are product names ("TensorFlow", "PyTorch"), not everyday words or names.
        return {w.strip().lower() for w in f if w.strip().isalpha() and w.strip()[1:] == w.strip()[1:].lower()}


def add_guards(entries, explicit):
    """Every ambiguous name gets a guard that asks for context: guards.json's if it has one, else the entry's own
    (given one context rule if it had only case sensitivity), else one made here: words of the dictionary and names of
    at most three characters need the strong vocabulary of the entry's modality, other names the shared DL cues."""
    words = load_dictionary()
    explicit_by_key = {key(g["alias"]): g for g in explicit}
    for e in entries:
        guards = {key(g["alias"]): g for g in e.get("guards") or []}
        for name in [e["canonical"]] + e["aliases"]:
            k = key(name)
            if k in explicit_by_key:
                guards[k] = dict(explicit_by_key[k], alias=name)
                continue
            if not is_ambiguous(name):
                continue
            if k in guards:
                if not (guards[k].get("requireNearby") or guards[k].get("requireDlCue")):
                    guards[k]["requireDlCue"] = True
                continue
            cased = any(c.isupper() for c in case_key(name))
            if k.isalpha() and k in words or len(k) <= 4:
                guards[k] = {"alias": name, "caseSensitive": cased,
                             "requireNearby": STRONG_CUES.get(e["modality"], STRONG_CUES["default"])}
            else:
                guards[k] = {"alias": name, "caseSensitive": cased and len(k) <= 6, "requireDlCue": True}
        if guards:
            e["guards"] = sorted(guards.values(), key=lambda g: key(g["alias"]))


ORDER = ["canonical", "aliases", "family", "modality", "organisation", "year", "kind", "wraps", "provenance", "guards"]


def build():
    curated, explicit_guards = curated_entries()
    generated = (listing_entries("torchvision", "vision", "Architecture") + timm_entries() + transformers_entries()
                 + mmpose_entries() + listing_entries("mmdetection", "vision", "Architecture") + kipoi_entries()
                 + bioimageio_entries())
    entries = merge(curated, generated)
    add_guards(entries, explicit_guards)
    models = []
    for index, e in enumerate(entries, 1):
        clean = {"id": index}
        for field in ORDER:
            value = e.get(field)
            if value is None or value == [] and field != "aliases":
                continue
            if field == "canonical":
                value = unicodedata.normalize("NFC", value)
            clean[field] = value
        models.append(clean)
    return {"format": "ptm-catalog", "version": 2, "models": models}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file instead of writing it")
    parser.add_argument("--output", default=OUTPUT)
    args = parser.parse_args()
    text = json.dumps(build(), indent=1, ensure_ascii=False) + "\n"
    if args.check:
        with open(args.output, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit(f"{args.output} differs from a fresh build: run scripts/catalog/build_catalog.py")
        print("catalog is up to date")
        return
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(text)
    models = json.loads(text)["models"]
    kinds = {}
    for m in models:
        kinds[m["kind"]] = kinds.get(m["kind"], 0) + 1
    print(f"wrote {args.output}: {len(models)} entries " + ", ".join(f"{v} {k}" for k, v in sorted(kinds.items())))


if __name__ == "__main__":
    main()
