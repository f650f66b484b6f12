"""Words the seed generator combines into realistic styles (names, prompts, tags, models)."""

from __future__ import annotations

from typing import Final

# (subject, prompt words, negative words, tags)
IMAGE_THEMES: Final = (
    (
        "Film Noir",
        "film noir, high contrast black and white, venetian blind shadows",
        "colour, oversaturated",
        ("photography", "dark", "cinematic"),
    ),
    (
        "Watercolour Botanical",
        "botanical watercolour plate, soft washes, fine ink linework",
        "photo, harsh shadows",
        ("painting", "botanical", "watercolour"),
    ),
    (
        "Ink Sketch",
        "loose ink sketch, cross-hatching, sepia paper",
        "colour, 3d render",
        ("sketch", "ink", "monochrome"),
    ),
    (
        "Oil Portrait",
        "classical oil portrait, chiaroscuro, visible brushwork",
        "cartoon, flat colours",
        ("painting", "portrait", "classical"),
    ),
    (
        "Pixel Art",
        "16-bit pixel art, limited palette, crisp pixels",
        "blurry, smooth gradients",
        ("pixel art", "retro", "game"),
    ),
    (
        "Isometric Diorama",
        "isometric diorama, tilt-shift, miniature world, soft studio light",
        "fisheye, cropped",
        ("3d", "isometric", "cute"),
    ),
    (
        "Ukiyo-e Print",
        "ukiyo-e woodblock print, flat colour, bold outlines, washi texture",
        "photorealistic, 3d",
        ("japanese", "print", "traditional"),
    ),
    (
        "Art Nouveau Poster",
        "art nouveau poster, ornate floral frame, mucha style curves",
        "photo, minimalism",
        ("poster", "art nouveau", "decorative"),
    ),
    (
        "Synthwave City",
        "synthwave cityscape, neon magenta and cyan, retro grid horizon",
        "daylight, muted colours",
        ("retro", "neon", "scifi"),
    ),
    (
        "Claymation",
        "claymation figure, plasticine texture, stop motion set",
        "photo, realistic skin",
        ("3d", "cute", "stop motion"),
    ),
    (
        "Low Poly Landscape",
        "low poly landscape, faceted shading, pastel sky",
        "noise, high detail texture",
        ("3d", "landscape", "minimal"),
    ),
    (
        "Charcoal Study",
        "charcoal figure study, smudged tones, rough paper",
        "colour, clean lines",
        ("sketch", "monochrome", "traditional"),
    ),
    (
        "Comic Panel",
        "american comic panel, bold inks, halftone dots, dynamic pose",
        "photo, soft focus",
        ("comic", "illustration", "bold"),
    ),
    (
        "Storybook Illustration",
        "children's storybook illustration, gouache, warm and whimsical",
        "dark, gore",
        ("illustration", "cute", "fantasy"),
    ),
    (
        "Architectural Render",
        "architectural visualisation, clean lines, golden hour, v-ray render",
        "people, clutter",
        ("3d", "architecture", "photorealistic"),
    ),
    (
        "Product Photo",
        "studio product photograph, seamless backdrop, softbox lighting",
        "busy background, text",
        ("photography", "product", "studio"),
    ),
    (
        "Macro Photography",
        "macro photograph, extreme close-up, shallow depth of field",
        "wide angle, blurry subject",
        ("photography", "macro", "nature"),
    ),
    (
        "Street Photography",
        "candid street photograph, 35mm film grain, natural light",
        "posed, studio",
        ("photography", "urban", "film"),
    ),
    (
        "Fantasy Map",
        "hand-drawn fantasy map, parchment, compass rose, ink coastlines",
        "photo, modern",
        ("fantasy", "map", "ink"),
    ),
    (
        "Stained Glass",
        "stained glass window, leaded outlines, glowing jewel tones",
        "photo, matte",
        ("decorative", "glass", "colourful"),
    ),
    (
        "Paper Cutout",
        "layered paper cutout, soft drop shadows, craft texture",
        "glossy, metallic",
        ("craft", "paper", "minimal"),
    ),
    (
        "Linocut",
        "linocut print, carved texture, two-colour ink",
        "gradients, photo",
        ("print", "monochrome", "traditional"),
    ),
    (
        "Cyberpunk Alley",
        "cyberpunk alley, rain-soaked neon signs, holograms, volumetric fog",
        "daylight, rural",
        ("scifi", "neon", "dark"),
    ),
    (
        "Steampunk Workshop",
        "steampunk workshop, brass gears, copper pipes, warm lamplight",
        "plastic, modern",
        ("steampunk", "fantasy", "detailed"),
    ),
    (
        "Anime Key Visual",
        "anime key visual, cel shading, dramatic sky, vibrant colours",
        "3d, photorealistic",
        ("anime", "illustration", "colourful"),
    ),
    (
        "Chibi Sticker",
        "chibi sticker, thick white border, kawaii, flat colours",
        "realistic, dark",
        ("anime", "cute", "sticker"),
    ),
    (
        "Tarot Card",
        "tarot card illustration, gilded border, symbolic, art deco ornament",
        "photo, modern",
        ("tarot", "decorative", "fantasy"),
    ),
    (
        "Double Exposure",
        "double exposure portrait, forest silhouette blended, monochrome",
        "cluttered, colourful",
        ("photography", "surreal", "portrait"),
    ),
    (
        "Risograph Print",
        "risograph print, grainy overlapping inks, limited palette",
        "smooth, glossy",
        ("print", "retro", "colourful"),
    ),
    (
        "Mosaic",
        "roman mosaic, small ceramic tesserae, grout lines",
        "smooth, photo",
        ("decorative", "classical", "texture"),
    ),
    (
        "Blueprint",
        "technical blueprint, white linework on prussian blue, annotations",
        "colour, photo",
        ("technical", "minimal", "monochrome"),
    ),
    (
        "Vaporwave",
        "vaporwave aesthetic, marble bust, pastel gradients, palm trees",
        "dark, realistic",
        ("retro", "surreal", "neon"),
    ),
    (
        "Baroque Painting",
        "baroque oil painting, dramatic lighting, rich drapery, gilded frame",
        "flat, minimal",
        ("painting", "classical", "dramatic"),
    ),
    (
        "Impressionist Garden",
        "impressionist painting, dappled light, loose brushstrokes, garden",
        "sharp lines, photo",
        ("painting", "nature", "impressionism"),
    ),
    (
        "Polaroid Snapshot",
        "polaroid snapshot, faded colours, light leak, white frame",
        "digital, sharp",
        ("photography", "retro", "film"),
    ),
    (
        "Gouache Landscape",
        "gouache landscape, opaque flat colour, mid-century travel poster",
        "photo, noisy",
        ("painting", "landscape", "poster"),
    ),
    (
        "Concept Art",
        "environment concept art, matte painting, epic scale, atmospheric perspective",
        "cartoon, flat",
        ("concept art", "fantasy", "cinematic"),
    ),
    (
        "Cross-Stitch",
        "cross-stitch embroidery, fabric grid, thread texture",
        "smooth, photo",
        ("craft", "texture", "cute"),
    ),
)

MOODS: Final = (
    "Moody",
    "Dreamy",
    "Vintage",
    "Neon",
    "Soft",
    "Gritty",
    "Whimsical",
    "Ethereal",
    "Bold",
    "Muted",
    "Golden Hour",
    "Pastel",
    "Gothic",
    "Cosy",
    "Stark",
    "Lush",
    "Misty",
    "Sunlit",
    "Midnight",
    "Faded",
)

INFO_TEMPLATES: Final = (
    "A {mood} take on {subject_lower}, tuned for {model}.",
    "{subject} with a {mood} palette. Works best with short, concrete prompts.",
    "My go-to {subject_lower} look: {mood} lighting and clean composition.",
    "Recreates classic {subject_lower} with a {mood} twist. Try it on portraits and landscapes.",
    "{subject} for quick concept sketches, leaning {mood}.",
)

IMAGE_MODELS: Final = (
    "AlbedoBase XL (SDXL)",
    "Deliberate",
    "Flux.1-Schnell fp8 (Compact)",
    "stable_diffusion",
    "Juggernaut XL",
    "DreamShaper XL",
    "Dreamshaper",
    "AbsoluteReality",
    "Anything Diffusion",
    "Realistic Vision",
    "Pony Diffusion XL",
    "SDXL-Lightning",
    "ICBINP - I Can't Believe It's Not Photography",
    "Hassaku XL",
)

TEXT_MODELS: Final = (
    "koboldcpp/LLaMA2-13B-Psyfighter2",
    "koboldcpp/Fimbulvetr-11B-v2",
    "aphrodite/Sao10K/L3-8B-Stheno-v3.2",
    "koboldcpp/mini-magnum-12b-v1.1",
    "koboldcpp/Mistral-7B-Instruct-v0.3",
    "aphrodite/NeverSleep/Llama-3-Lumimaid-8B-v0.1",
    "koboldcpp/Tiefighter-13B",
)

LORAS: Final = (
    ("Magnagothica", False),
    ("247778", True),
    ("Ghibli Background", False),
    ("58390", True),
    ("Detail Tweaker XL", False),
    ("Film Grain", False),
)
TEXTUAL_INVERSIONS: Final = ("72437", "EasyNegative", "bad-hands-5", "4629")

# (name, template words, tags)
TEXT_THEMES: Final = (
    ("Hard-Boiled Narrator", "You narrate in terse, hard-boiled noir prose.", ("noir", "narration")),
    (
        "Cheerful Tavern Keeper",
        "You are Bram, a cheerful tavern keeper who loves gossip.",
        ("fantasy", "roleplay"),
    ),
    (
        "Socratic Tutor",
        "You answer only with guiding questions, like a patient tutor.",
        ("education", "assistant"),
    ),
    (
        "Ship's Computer",
        "You are the calm, precise computer of a deep-space freighter.",
        ("scifi", "roleplay"),
    ),
    ("Haiku Poet", "Reply with a single haiku about the request.", ("poetry", "short")),
    (
        "Gothic Storyteller",
        "Tell the story in a brooding gothic style with long sentences.",
        ("horror", "narration"),
    ),
    (
        "Dungeon Master",
        "You run a tabletop adventure; describe scenes and ask what the party does.",
        ("fantasy", "game"),
    ),
    ("Plain Summariser", "Summarise the text plainly in three bullet points.", ("assistant", "short")),
    (
        "Pirate Captain",
        "You are Captain Mara Vell, sharp-tongued and superstitious.",
        ("adventure", "roleplay"),
    ),
    ("Cosy Mystery", "Write a cosy village mystery scene with gentle humour.", ("mystery", "narration")),
)
TEXT_VARIANTS: Final = ("", "Classic", "Extended", "Lite")

COLLECTION_NAMES: Final = (
    ("Noir Nights", "image"),
    ("Painterly Classics", "image"),
    ("Retro Arcade", "image"),
    ("Print Shop", "image"),
    ("Photo Lab", "image"),
    ("Cute Corner", "image"),
    ("Fantasy Atlas", "image"),
    ("Roleplay Starters", "text"),
    ("Writing Desk", "text"),
    ("Neon Dreams", "image"),
)
