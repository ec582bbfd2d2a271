mod common;
#[test]
#[ignore]
fn dump() {
    let path = std::env::var("DUMP").unwrap();
    for entry in std::fs::read_dir(&path)
        .map(|d| d.map(|e| e.unwrap().path()).collect::<Vec<_>>())
        .unwrap_or_else(|_| vec![path.clone().into()])
    {
        let text = std::fs::read_to_string(&entry).unwrap();
        println!("=== {}", entry.display());
        for q in storyline_quotes::extract(&text, &common::sentences(&text), &[]) {
            let sp = q
                .speaker
                .map(|s| format!("{} ({:?})", s.name, s.via))
                .unwrap_or("-".into());
            println!(
                "[{:?}] {:?} => {} | cue {:?} relay {:?}",
                q.kind,
                q.text.chars().take(70).collect::<String>(),
                sp,
                q.cue,
                q.relay
            );
        }
    }
}
