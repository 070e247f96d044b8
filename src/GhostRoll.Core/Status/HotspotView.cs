namespace GhostRoll.Status;

/// <summary>
/// The field hotspot as the display shows it: its network name, the passphrase (for the join QR and in text) and
/// how many phones have joined. Only the display daemon fills it in, from the hotspot service's state and the
/// passphrase file; it is never written to status.json.
/// </summary>
public sealed record HotspotView(string Ssid, string Passphrase, int Stations);
